using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.NodeResourcesFit;

namespace Skiff.Scheduler.Plugins.NodeResourcesBalancedAllocation;

/// <summary>
/// Prefers nodes whose resources would be used evenly with the pod on them: (1 - standard deviation of the used
/// fractions) × 100.
/// </summary>
internal sealed class NodeResourcesBalancedAllocationPlugin : IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "NodeResourcesBalancedAllocation";

    private const string PreScoreKey = "PreScore" + PluginName;

    private readonly ResourceAllocationScorer _scorer;

    public NodeResourcesBalancedAllocationPlugin(NodeResourcesBalancedAllocationOptions? options = null)
    {
        var resources = options?.Resources is { Count: > 0 } configured ? configured : ResourceSpec.Defaults;
        _scorer = new ResourceAllocationScorer(resources, useRequested: true, BalancedScore);
    }

    public string Name => PluginName;

    public Status PreScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var requests = _scorer.PodRequests(state, pod);

        // Best-effort pods are skipped, as upstream does since 1.33: otherwise they all pile onto the most balanced node.
        if (Array.TrueForAll(requests, r => r == 0))
        {
            return Status.Skip;
        }

        state.Write(PreScoreKey, requests);
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, V1Pod pod, NodeInfo node) =>
        _scorer.Score(node, state.Read<long[]>(PreScoreKey) ?? _scorer.PodRequests(state, pod));

    internal static long BalancedScore(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable)
    {
        Span<double> fractions = stackalloc double[requested.Length];
        var count = 0;
        var total = 0.0;
        for (var i = 0; i < requested.Length; i++)
        {
            if (allocatable[i] == 0)
            {
                continue;
            }

            var fraction = Math.Min(1.0, (double)requested[i] / allocatable[i]);
            fractions[count++] = fraction;
            total += fraction;
        }

        var std = 0.0;
        if (count == 2)
        {
            std = Math.Abs((fractions[0] - fractions[1]) / 2);
        }
        else if (count > 2)
        {
            var mean = total / count;
            var sum = 0.0;
            for (var i = 0; i < count; i++)
            {
                sum += (fractions[i] - mean) * (fractions[i] - mean);
            }

            std = Math.Sqrt(sum / count);
        }

        return (long)((1 - std) * IScorePlugin.MaxNodeScore);
    }
}
