using k8s.Models;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>Upstream's pod predicates (podutil.IsPodReady, IsPodAvailable, controller.IsPodActive) on typed pods.</summary>
internal static class PodState
{
    /// <summary>Not finished and not being deleted: the pods that count toward replicas.</summary>
    public static bool IsActive(V1Pod pod) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata?.DeletionTimestamp is null;

    public static bool IsReady(V1Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>When the pod last became ready; null when it is not ready or never said.</summary>
    public static DateTime? ReadySince(V1Pod pod) =>
        ReadyCondition(pod) is { Status: "True" } ready ? ready.LastTransitionTime : null;

    /// <summary>Ready for longer than <paramref name="minReadySeconds"/> before <paramref name="now"/> (strictly, as upstream).</summary>
    public static bool IsAvailable(V1Pod pod, int minReadySeconds, DateTime now)
    {
        if (!IsReady(pod))
        {
            return false;
        }

        if (minReadySeconds == 0)
        {
            return true;
        }

        return ReadySince(pod) is { } since && since.AddSeconds(minReadySeconds) < now;
    }

    public static V1OwnerReference? ControllerOf(V1Pod pod) =>
        pod.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    public static IReadOnlyDictionary<string, string> Labels(V1Pod pod) =>
        pod.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : new Dictionary<string, string>();

    private static V1PodCondition? ReadyCondition(V1Pod pod) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
}
