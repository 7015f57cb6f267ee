using k8s.Models;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>A copy of a node taken under the graph's lock, so workers never read a node another thread changes.</summary>
public sealed record NodeView(
    ObjectIdentity Identity,
    bool Observed,
    bool BeingDeleted,
    bool DeletingDependents,
    IReadOnlyList<V1OwnerReference> Owners,
    IReadOnlyList<DependentView> Dependents);

/// <summary>A dependent as its owner sees it: whether it blocks the owner's foreground deletion.</summary>
public sealed record DependentView(ObjectIdentity Identity, bool BlocksOwner, bool DeletingDependents);
