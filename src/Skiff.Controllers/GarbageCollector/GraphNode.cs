using k8s.Models;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>
/// One object in the ownership graph. A node is virtual (not <see cref="Observed"/>) while it is known only as some
/// dependent's owner; the collector then asks the API whether it exists. Mutated only under the graph's lock.
/// </summary>
internal sealed class GraphNode(ObjectIdentity identity)
{
    public ObjectIdentity Identity { get; set; } = identity;

    public bool Observed { get; set; }

    public bool BeingDeleted { get; set; }

    /// <summary>Deleting with the foregroundDeletion finalizer: waits for its blocking dependents.</summary>
    public bool DeletingDependents { get; set; }

    public bool HasOrphanFinalizer { get; set; }

    public IReadOnlyList<V1OwnerReference> Owners { get; set; } = [];

    public HashSet<GraphNode> Dependents { get; } = [];

    public bool BlocksOn(GraphNode dependent) =>
        dependent.Owners.Any(o => o.Uid == Identity.Uid && o.BlockOwnerDeletion == true);
}
