namespace Skiff.Controllers.GarbageCollector;

/// <summary>What a graph change asks the collector's workers to look at, by uid.</summary>
public sealed class GraphWork
{
    public List<string> AttemptToDelete { get; } = [];

    public List<string> AttemptToOrphan { get; } = [];

    /// <summary>Dependents whose owner reference names a namespaced owner in another namespace (reported as upstream does).</summary>
    public List<(ObjectIdentity Dependent, ObjectIdentity Owner)> InvalidNamespaceOwners { get; } = [];
}
