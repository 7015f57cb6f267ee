using k8s;
using k8s.Models;

namespace Skiff.Scheduler.Scheduling;

/// <summary>
/// Whether a pending pod's update could change where it fits. The scheduler's own status writes (conditions,
/// nominatedNodeName) must leave an unschedulable pod waiting for a cluster event instead of retrying it at once.
/// </summary>
internal static class PodChanges
{
    public static bool SpecOrLabelsChanged(V1Pod old, V1Pod pod)
    {
        var oldLabels = old.Metadata?.Labels ?? new Dictionary<string, string>();
        var labels = pod.Metadata?.Labels ?? new Dictionary<string, string>();
        if (oldLabels.Count != labels.Count || oldLabels.Any(kv => !labels.TryGetValue(kv.Key, out var v) || v != kv.Value))
        {
            return true;
        }

        return KubernetesJson.Serialize(old.Spec) != KubernetesJson.Serialize(pod.Spec);
    }
}
