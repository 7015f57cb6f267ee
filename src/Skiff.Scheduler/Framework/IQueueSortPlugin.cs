namespace Skiff.Scheduler.Framework;

/// <summary>Orders the active queue; upstream's PrioritySort: higher priority first, then earlier queued.</summary>
public interface IQueueSortPlugin : IPlugin
{
    bool Less(QueuedPodInfo left, QueuedPodInfo right);
}
