namespace Skiff.Scheduler.Framework;

/// <summary>
/// The current cycle's snapshot of nodes (upstream's SharedLister.NodeInfos): stable for the whole cycle, so plugins
/// may keep references to what it returns until the cycle ends.
/// </summary>
public interface INodeInfoLister
{
    IReadOnlyList<NodeInfo> List();

    /// <summary>Nodes with at least one pod that has pod affinity or anti-affinity.</summary>
    IReadOnlyList<NodeInfo> HavePodsWithAffinityList();

    IReadOnlyList<NodeInfo> HavePodsWithRequiredAntiAffinityList();

    NodeInfo? Get(string nodeName);

    /// <summary>Pods by label over <see cref="List"/>'s nodes, when the lister keeps one; plugins walk every pod without it.</summary>
    PodIndex? PodIndex => null;
}
