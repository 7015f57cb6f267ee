using k8s;
using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>apps/v1 ReplicaSet as seen by the shared reconciler.</summary>
internal sealed class ReplicaSetKind(ILister<V1ReplicaSet> lister) : IReplicaKind
{
    public string ApiVersion => "apps/v1";

    public string Kind => "ReplicaSet";

    public static ReplicaSetView ToView(V1ReplicaSet rs) => new(
        rs,
        "apps/v1",
        "ReplicaSet",
        rs.Spec?.Replicas ?? 1,
        rs.Spec?.MinReadySeconds ?? 0,
        TypedSelectors.FromLabelSelector(rs.Spec?.Selector),
        rs.Spec?.Template,
        new ReplicaStatus(
            rs.Status?.Replicas ?? 0,
            rs.Status?.FullyLabeledReplicas ?? 0,
            rs.Status?.ReadyReplicas ?? 0,
            rs.Status?.AvailableReplicas ?? 0,
            rs.Status?.ObservedGeneration ?? 0,
            [.. (rs.Status?.Conditions ?? []).Select(c => new ReplicaCondition(c.Type, c.Status, c.LastTransitionTime, c.Reason, c.Message))]));

    public ReplicaSetView? Get(ObjectKey key) => lister.Get(key) is { } rs ? ToView(rs) : null;

    public IReadOnlyList<ReplicaSetView> List(string ns) => [.. lister.List(ns).Select(ToView)];

    public bool IsKindOf(V1OwnerReference reference) =>
        reference.Kind == Kind && reference.ApiVersion?.Split('/')[0] == "apps";

    public async Task<ReplicaSetView?> ReadAsync(IKubernetes client, ObjectKey key, CancellationToken ct)
    {
        try
        {
            return ToView(await client.AppsV1.ReadNamespacedReplicaSetAsync(key.Name, key.Namespace ?? string.Empty, cancellationToken: ct).ConfigureAwait(false));
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }
    }

    public async Task WriteStatusAsync(IKubernetes client, ReplicaSetView owner, ReplicaStatus status, CancellationToken ct)
    {
        // The cached object is shared with every other reader: change a copy.
        var rs = KubernetesJson.Deserialize<V1ReplicaSet>(KubernetesJson.Serialize((V1ReplicaSet)owner.Object));
        rs.Status ??= new V1ReplicaSetStatus();
        rs.Status.Replicas = status.Replicas;
        rs.Status.FullyLabeledReplicas = status.FullyLabeledReplicas;
        rs.Status.ReadyReplicas = status.ReadyReplicas;
        rs.Status.AvailableReplicas = status.AvailableReplicas;
        rs.Status.ObservedGeneration = status.ObservedGeneration;
        rs.Status.Conditions = status.Conditions.Count == 0
            ? null
            : [.. status.Conditions.Select(c => new V1ReplicaSetCondition { Type = c.Type, Status = c.Status, LastTransitionTime = c.LastTransitionTime, Reason = c.Reason, Message = c.Message })];
        await client.AppsV1.ReplaceNamespacedReplicaSetStatusAsync(rs, owner.Name, owner.Namespace, cancellationToken: ct).ConfigureAwait(false);
    }
}
