using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.DefaultPreemption;

/// <summary>Upstream's MoreImportantPod: higher priority first, then the pod that started earlier.</summary>
internal static class PodImportance
{
    public static int Compare(PodInfo left, PodInfo right)
    {
        if (left.Priority != right.Priority)
        {
            return right.Priority.CompareTo(left.Priority);
        }

        return StartTime(left).CompareTo(StartTime(right));
    }

    public static DateTime StartTime(PodInfo pod) =>
        pod.Pod.Status?.StartTime ?? pod.Pod.Metadata?.CreationTimestamp ?? DateTime.MaxValue;
}
