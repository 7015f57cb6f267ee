using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Fakes;

/// <summary>A CPU-only stand-in for NodeResourcesFit, with its reason text; enough to exercise preemption.</summary>
internal sealed class FakeCpuFit : IFilterPlugin, IPreFilterPlugin
{
    public const string PluginName = "NodeResourcesFit";

    public string Name => PluginName;

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes) => (null, Status.Success);

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        var request = PodResources.Requests(pod).MilliCpu;
        return node.Requested.MilliCpu + request > node.Allocatable.MilliCpu ? Status.Unschedulable("Insufficient cpu") : Status.Success;
    }
}
