using k8s;
using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>core/v1 ReplicationController as seen by the shared reconciler: its map selector becomes matchLabels.</summary>
internal sealed class ReplicationControllerKind(ILister<V1ReplicationController> lister) : IReplicaKind
{
    public string ApiVersion => "v1";

    public string Kind => "ReplicationController";

    public static ReplicaSetView ToView(V1ReplicationController rc) => new(
        rc,
        "v1",
        "ReplicationController",
        rc.Spec?.Replicas ?? 1,
        rc.Spec?.MinReadySeconds ?? 0,
        TypedSelectors.FromMap(rc.Spec?.Selector),
        rc.Spec?.Template,
        new ReplicaStatus(
            rc.Status?.Replicas ?? 0,
            rc.Status?.FullyLabeledReplicas ?? 0,
            rc.Status?.ReadyReplicas ?? 0,
            rc.Status?.AvailableReplicas ?? 0,
            rc.Status?.ObservedGeneration ?? 0,
            [.. (rc.Status?.Conditions ?? []).Select(c => new ReplicaCondition(c.Type, c.Status, c.LastTransitionTime, c.Reason, c.Message))]));

    public ReplicaSetView? Get(ObjectKey key) => lister.Get(key) is { } rc ? ToView(rc) : null;

    public IReadOnlyList<ReplicaSetView> List(string ns) => [.. lister.List(ns).Select(ToView)];

    public bool IsKindOf(V1OwnerReference reference) => reference.Kind == Kind && reference.ApiVersion == "v1";

    public async Task<ReplicaSetView?> ReadAsync(IKubernetes client, ObjectKey key, CancellationToken ct)
    {
        try
        {
            return ToView(await client.CoreV1.ReadNamespacedReplicationControllerAsync(key.Name, key.Namespace ?? string.Empty, cancellationToken: ct).ConfigureAwait(false));
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    public async Task WriteStatusAsync(IKubernetes client, ReplicaSetView owner, ReplicaStatus status, CancellationToken ct)
    {
        // The cached object is shared with every other reader: change a copy.
        var rc = KubernetesJson.Deserialize<V1ReplicationController>(KubernetesJson.Serialize((V1ReplicationController)owner.Object));
        rc.Status ??= new V1ReplicationControllerStatus();
        rc.Status.Replicas = status.Replicas;
        rc.Status.FullyLabeledReplicas = status.FullyLabeledReplicas;
        rc.Status.ReadyReplicas = status.ReadyReplicas;
        rc.Status.AvailableReplicas = status.AvailableReplicas;
        rc.Status.ObservedGeneration = status.ObservedGeneration;
        rc.Status.Conditions = status.Conditions.Count == 0
            ? null
            : [.. status.Conditions.Select(c => new V1ReplicationControllerCondition { Type = c.Type, Status = c.Status, LastTransitionTime = c.LastTransitionTime, Reason = c.Reason, Message = c.Message })];
        await client.CoreV1.ReplaceNamespacedReplicationControllerStatusAsync(rc, owner.Name, owner.Namespace, cancellationToken: ct).ConfigureAwait(false);
    }
}
