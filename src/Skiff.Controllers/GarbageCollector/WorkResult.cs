namespace Skiff.Controllers.GarbageCollector;

/// <summary>What the queue does with an item after a worker looked at it.</summary>
public enum WorkResult
{
    /// <summary>Done; clear its backoff.</summary>
    Forget,

    /// <summary>Look again after the item's backoff.</summary>
    Requeue,
}
