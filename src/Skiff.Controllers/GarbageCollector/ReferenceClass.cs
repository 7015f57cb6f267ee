namespace Skiff.Controllers.GarbageCollector;

/// <summary>How a dependent's owner reference stands, as upstream classifies references.</summary>
internal enum ReferenceClass
{
    /// <summary>The owner exists and is not waiting for its dependents.</summary>
    Solid,

    /// <summary>No object with that uid exists.</summary>
    Dangling,

    /// <summary>The owner is being deleted in the foreground and waits for its dependents to go.</summary>
    Waiting,
}
