using k8s;
using Skiff.Client;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>
/// Adapts one owner kind (apps/v1 ReplicaSet or core/v1 ReplicationController) to the shared reconciler: reads from
/// the kind's lister, and the two API calls that differ per kind.
/// </summary>
internal interface IReplicaKind
{
    string ApiVersion { get; }

    string Kind { get; }

    ReplicaSetView? Get(ObjectKey key);

    IReadOnlyList<ReplicaSetView> List(string ns);

    /// <summary>Reads the object from the API server, bypassing the cache; null if it is gone.</summary>
    Task<ReplicaSetView?> ReadAsync(IKubernetes client, ObjectKey key, CancellationToken ct);

    /// <summary>Writes <paramref name="status"/> through the status subresource, on top of the object as read.</summary>
    Task WriteStatusAsync(IKubernetes client, ReplicaSetView owner, ReplicaStatus status, CancellationToken ct);

    /// <summary>True when <paramref name="reference"/> names an object of this kind (any version of its group).</summary>
    bool IsKindOf(k8s.Models.V1OwnerReference reference);
}
