using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// Every write the deployment controller makes. Failures are <see cref="ApiCallException"/>; results are fresh
/// objects the caller may keep and change.
/// </summary>
internal interface IDeploymentWriter
{
    /// <summary>Creates the set; null when a ReplicaSet of that name already exists.</summary>
    Task<V1ReplicaSet?> CreateReplicaSetAsync(V1ReplicaSet replicaSet, CancellationToken ct);

    /// <summary>Replaces the set (spec and metadata), guarded by its resourceVersion.</summary>
    Task<V1ReplicaSet> UpdateReplicaSetAsync(V1ReplicaSet replicaSet, CancellationToken ct);

    /// <summary>Adds <paramref name="owner"/> as controller ownerReference; null when the set is gone.</summary>
    Task<V1ReplicaSet?> AdoptReplicaSetAsync(V1ReplicaSet replicaSet, V1OwnerReference owner, CancellationToken ct);

    /// <summary>Removes the ownerReference with <paramref name="ownerUid"/>; a set already gone is fine.</summary>
    Task ReleaseReplicaSetAsync(V1ReplicaSet replicaSet, string ownerUid, CancellationToken ct);

    /// <summary>Deletes the set; one already gone is fine.</summary>
    Task DeleteReplicaSetAsync(string ns, string name, CancellationToken ct);

    /// <summary>Writes status (and metadata annotations, which the status subresource of Deployments accepts).</summary>
    Task<V1Deployment> UpdateDeploymentStatusAsync(V1Deployment deployment, CancellationToken ct);

    Task<V1Deployment> UpdateDeploymentAsync(V1Deployment deployment, CancellationToken ct);

    /// <summary>A read past the cache, for the check before adopting; null when not found.</summary>
    Task<V1Deployment?> GetDeploymentAsync(string ns, string name, CancellationToken ct);
}
