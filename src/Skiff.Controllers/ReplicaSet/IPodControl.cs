using k8s.Models;
using Skiff.Client;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>Every write the ReplicaSet controller makes, so unit tests can record them instead of calling an API server.</summary>
internal interface IPodControl
{
    /// <summary>Creates the pod and returns it as stored (name and uid assigned).</summary>
    Task<V1Pod> CreatePodAsync(V1Pod pod, CancellationToken ct);

    /// <summary>Deletes the pod if it still has the uid we decided on.</summary>
    Task DeletePodAsync(V1Pod pod, CancellationToken ct);

    /// <summary>Adds <paramref name="owner"/> as the pod's controller.</summary>
    Task AdoptPodAsync(V1Pod pod, V1OwnerReference owner, CancellationToken ct);

    /// <summary>Removes the owner reference with <paramref name="ownerUid"/> from the pod.</summary>
    Task ReleasePodAsync(V1Pod pod, string ownerUid, CancellationToken ct);

    /// <summary>A quorum read of the owner, bypassing the cache; null if it is gone.</summary>
    Task<ReplicaSetView?> ReadOwnerAsync(ObjectKey key, CancellationToken ct);

    Task UpdateStatusAsync(ReplicaSetView owner, ReplicaStatus status, CancellationToken ct);
}
