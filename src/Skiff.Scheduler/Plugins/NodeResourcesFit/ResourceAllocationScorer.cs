using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.NodeResourcesFit;

/// <summary>
/// What NodeResourcesFit's scoring and BalancedAllocation share: for each configured resource, what the node could
/// give and what it would have given away with this pod on it, handed to a strategy that turns them into a score.
/// </summary>
internal sealed class ResourceAllocationScorer
{
    private readonly IReadOnlyList<ResourceSpec> _resources;
    private readonly bool _useRequested;
    private readonly AllocationScore _scorer;

    // Which field each configured resource reads, worked out once instead of matching names on every node.
    private readonly Kind[] _kinds;

    public ResourceAllocationScorer(IReadOnlyList<ResourceSpec> resources, bool useRequested, AllocationScore scorer)
    {
        _resources = resources;
        _useRequested = useRequested;
        _scorer = scorer;
        _kinds = new Kind[resources.Count];
        for (var i = 0; i < _kinds.Length; i++)
        {
            _kinds[i] = resources[i].Name switch
            {
                "cpu" => Kind.Cpu,
                "memory" => Kind.Memory,
                "ephemeral-storage" => Kind.EphemeralStorage,
                _ => Kind.Scalar,
            };
        }
    }

    private enum Kind
    {
        Cpu,
        Memory,
        EphemeralStorage,
        Scalar,
    }

    public IReadOnlyList<ResourceSpec> Resources => _resources;

    /// <summary>
    /// The pod's request per resource, in the order of <see cref="Resources"/>. Load-spreading strategies count a
    /// container without a cpu/memory request as the defaults (non-zero requests); BalancedAllocation does not.
    /// </summary>
    public long[] PodRequests(CycleState state, V1Pod pod)
    {
        var requests = state.PodRequests(pod);
        var nonZero = _useRequested ? requests : state.PodNonZeroRequests(pod);
        var list = new long[_kinds.Length];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = _kinds[i] switch
            {
                Kind.Cpu => nonZero.MilliCpu,
                Kind.Memory => nonZero.Memory,
                Kind.EphemeralStorage => requests.EphemeralStorage,
                _ => requests.ScalarValue(_resources[i].Name),
            };
        }

        return list;
    }

    public (long Score, Status Status) Score(NodeInfo node, long[] podRequests)
    {
        if (node.Node is null)
        {
            return (0, Status.Error("node not found"));
        }

        Span<long> requested = stackalloc long[_kinds.Length];
        Span<long> allocatable = stackalloc long[_kinds.Length];
        ref readonly var counts = ref node.Counts;
        var requestedCpu = _useRequested ? counts.RequestedMilliCpu : counts.NonZeroRequestedMilliCpu;
        var requestedMemory = _useRequested ? counts.RequestedMemory : counts.NonZeroRequestedMemory;
        for (var i = 0; i < requested.Length; i++)
        {
            var pod = podRequests[i];
            (allocatable[i], requested[i]) = _kinds[i] switch
            {
                Kind.Cpu => (counts.AllocatableMilliCpu, requestedCpu + pod),
                Kind.Memory => (counts.AllocatableMemory, requestedMemory + pod),
                Kind.EphemeralStorage => (counts.AllocatableEphemeralStorage, counts.RequestedEphemeralStorage + pod),

                // An extended resource the pod does not ask for takes no part in the score.
                _ when pod == 0 => (0L, 0L),
                _ => (node.Allocatable.ScalarValue(_resources[i].Name), node.Requested.ScalarValue(_resources[i].Name) + pod),
            };
        }

        return (_scorer(requested, allocatable), Status.Success);
    }
}
