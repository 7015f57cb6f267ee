using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.PrioritySort;

/// <summary>Upstream's queue order: higher priority first, then the pod that entered the queue earlier.</summary>
public sealed class PrioritySort : IQueueSortPlugin
{
    public const string PluginName = "PrioritySort";

    public string Name => PluginName;

    public bool Less(QueuedPodInfo left, QueuedPodInfo right)
    {
        var p1 = left.Pod.Priority;
        var p2 = right.Pod.Priority;
        return p1 > p2 || (p1 == p2 && left.Timestamp < right.Timestamp);
    }
}
