using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Fakes;

/// <summary>A filter that answers whatever the test says.</summary>
internal sealed class FakeFilter(string name, Func<V1Pod, NodeInfo, Status> filter) : IFilterPlugin
{
    public string Name => name;

    public int Calls;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        Interlocked.Increment(ref Calls);
        return filter(pod, node);
    }
}
