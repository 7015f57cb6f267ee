using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.NodeResourcesFit;

/// <summary>
/// What NodeResourcesFit's scoring and BalancedAllocation share: for each configured resource, what the node could
/// give and what it would have given away with this pod on it, handed to a strategy that turns them into a score.
/// </summary>
internal sealed class ResourceAllocationScorer(
    IReadOnlyList<ResourceSpec> resources, bool useRequested, AllocationScore scorer)
{
    public IReadOnlyList<ResourceSpec> Resources => resources;

    /// <summary>
    /// The pod's request per resource, in the order of <see cref="Resources"/>. Load-spreading strategies count a
    /// container without a cpu/memory request as the defaults (non-zero requests); BalancedAllocation does not.
    /// </summary>
    public long[] PodRequests(V1Pod pod)
    {
        var requests = PodResources.Requests(pod);
        var nonZero = useRequested ? requests : PodResources.NonZeroRequests(pod);
        var list = new long[resources.Count];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = resources[i].Name switch
            {
                "cpu" => nonZero.MilliCpu,
                "memory" => nonZero.Memory,
                "ephemeral-storage" => requests.EphemeralStorage,
                var name => requests.Scalar.GetValueOrDefault(name),
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

        Span<long> requested = stackalloc long[resources.Count];
        Span<long> allocatable = stackalloc long[resources.Count];
        var nodeRequested = useRequested ? node.Requested : node.NonZeroRequested;
        for (var i = 0; i < requested.Length; i++)
        {
            var pod = podRequests[i];
            (allocatable[i], requested[i]) = resources[i].Name switch
            {
                "cpu" => (node.Allocatable.MilliCpu, nodeRequested.MilliCpu + pod),
                "memory" => (node.Allocatable.Memory, nodeRequested.Memory + pod),
                "ephemeral-storage" => (node.Allocatable.EphemeralStorage, node.Requested.EphemeralStorage + pod),

                // An extended resource the pod does not ask for takes no part in the score.
                _ when pod == 0 => (0L, 0L),
                var name => (node.Allocatable.Scalar.GetValueOrDefault(name), node.Requested.Scalar.GetValueOrDefault(name) + pod),
            };
        }

        return (scorer(requested, allocatable), Status.Success);
    }
}
