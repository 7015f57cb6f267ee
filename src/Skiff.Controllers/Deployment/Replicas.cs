using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>Replica counts of a Deployment and sums over its ReplicaSets (null entries skipped, as upstream).</summary>
internal static class Replicas
{
    /// <summary>The Deployment's .spec.replicas; the API server defaults it to 1.</summary>
    public static int Desired(V1Deployment d) => d.Spec?.Replicas ?? 1;

    /// <summary>The ReplicaSet's .spec.replicas; the API server defaults it to 1.</summary>
    public static int Of(V1ReplicaSet rs) => rs.Spec?.Replicas ?? 1;

    public static int Available(V1ReplicaSet rs) => rs.Status?.AvailableReplicas ?? 0;

    /// <summary>Sum of .spec.replicas: what the ReplicaSets are asked to run.</summary>
    public static int SpecTotal(IEnumerable<V1ReplicaSet?> sets) => sets.Sum(rs => rs is null ? 0 : Of(rs));

    /// <summary>Sum of .status.replicas: what the ReplicaSets actually run.</summary>
    public static int ActualTotal(IEnumerable<V1ReplicaSet?> sets) => sets.Sum(rs => rs?.Status?.Replicas ?? 0);

    public static int ReadyTotal(IEnumerable<V1ReplicaSet?> sets) => sets.Sum(rs => rs?.Status?.ReadyReplicas ?? 0);

    public static int AvailableTotal(IEnumerable<V1ReplicaSet?> sets) => sets.Sum(rs => rs is null ? 0 : Available(rs));

    /// <summary>ReplicaSets asked to run at least one pod.</summary>
    public static List<V1ReplicaSet> Active(IEnumerable<V1ReplicaSet?> sets) => [.. sets.OfType<V1ReplicaSet>().Where(rs => Of(rs) > 0)];
}
