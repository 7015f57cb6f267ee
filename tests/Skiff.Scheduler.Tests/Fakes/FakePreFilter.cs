using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Fakes;

/// <summary>A PreFilter with a fixed answer whose Filter rejects every node (so tests see which filters ran).</summary>
internal sealed class FakePreFilter(string name, PreFilterResult? result, Status status) : IPreFilterPlugin, IFilterPlugin
{
    public string Name => name;

    public int FilterCalls;

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes) => (result, status);

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        Interlocked.Increment(ref FilterCalls);
        return Status.Unschedulable("rejected by " + name);
    }
}
