namespace Skiff.Scheduler.Framework;

/// <summary>Pods that preemption nominated to a node and that are not bound yet; filters count them on that node.</summary>
public interface IPodNominator
{
    /// <summary>Whether any pod is nominated at all; a cycle asks once and skips the per-node lookups when none is.</summary>
    bool HasNominatedPods { get; }

    IReadOnlyList<PodInfo> NominatedPodsForNode(string nodeName);
}
