namespace Skiff.Scheduler.Framework;

/// <summary>Pods that preemption nominated to a node and that are not bound yet; filters count them on that node.</summary>
public interface IPodNominator
{
    IReadOnlyList<PodInfo> NominatedPodsForNode(string nodeName);
}
