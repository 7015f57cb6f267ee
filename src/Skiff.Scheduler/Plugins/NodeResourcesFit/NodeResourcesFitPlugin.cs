using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.NodeResourcesFit;

/// <summary>
/// Filters nodes without room for the pod's requests (and a free pod slot), and scores nodes by the configured
/// strategy (LeastAllocated unless configured otherwise).
/// </summary>
internal sealed class NodeResourcesFitPlugin : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "NodeResourcesFit";

    public const string ReasonTooManyPods = "Too many pods";

    private const string PreFilterKey = "PreFilter" + PluginName;

    private const string PreScoreKey = "PreScore" + PluginName;

    private readonly HashSet<string> _ignoredResources;
    private readonly HashSet<string> _ignoredGroups;
    private readonly ResourceAllocationScorer _scorer;

    public NodeResourcesFitPlugin(NodeResourcesFitOptions? options = null)
    {
        options ??= new NodeResourcesFitOptions();
        _ignoredResources = new HashSet<string>(options.IgnoredResources, StringComparer.Ordinal);
        _ignoredGroups = new HashSet<string>(options.IgnoredResourceGroups, StringComparer.Ordinal);
        var resources = options.Resources.Count > 0 ? options.Resources : ResourceSpec.Defaults;
        var strategy = options.ScoringStrategy switch
        {
            ScoringStrategyType.MostAllocated => AllocationScorers.MostAllocated(resources),
            ScoringStrategyType.RequestedToCapacityRatio => AllocationScorers.RequestedToCapacityRatio(resources, options.Shape),
            _ => AllocationScorers.LeastAllocated(resources),
        };
        _scorer = new ResourceAllocationScorer(resources, useRequested: false, strategy);
    }

    public string Name => PluginName;

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        state.Write(PreFilterKey, state.PodRequests(pod));
        return (null, Status.Success);
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        var request = state.Read<Resource>(PreFilterKey) ?? PodResources.Requests(pod);
        var reasons = InsufficientResources(request, node);
        return reasons is null ? Status.Success : new Status(StatusCode.Unschedulable, reasons);
    }

    /// <summary>Upstream's fit check; the reasons ("Too many pods", "Insufficient cpu", ...) or null when the pod fits.</summary>
    internal List<string>? InsufficientResources(Resource request, NodeInfo node)
    {
        List<string>? reasons = null;
        ref readonly var counts = ref node.Counts;
        if (counts.PodCount + 1 > counts.AllowedPodNumber)
        {
            (reasons ??= []).Add(ReasonTooManyPods);
        }

        if (request.MilliCpu > 0 && request.MilliCpu > counts.AllocatableMilliCpu - counts.RequestedMilliCpu)
        {
            (reasons ??= []).Add("Insufficient cpu");
        }

        if (request.Memory > 0 && request.Memory > counts.AllocatableMemory - counts.RequestedMemory)
        {
            (reasons ??= []).Add("Insufficient memory");
        }

        if (request.EphemeralStorage > 0 && request.EphemeralStorage > counts.AllocatableEphemeralStorage - counts.RequestedEphemeralStorage)
        {
            (reasons ??= []).Add("Insufficient ephemeral-storage");
        }

        return request.HasScalars ? InsufficientScalars(request, node.Allocatable, node.Requested, reasons) : reasons;
    }

    /// <summary>Apart from the rest, so nodes without extended requests never enumerate a map (through an interface, that allocates).</summary>
    private List<string>? InsufficientScalars(Resource request, Resource allocatable, Resource used, List<string>? reasons)
    {
        foreach (var (name, quantity) in request.Scalar)
        {
            if (quantity == 0 || IsIgnored(name))
            {
                continue;
            }

            if (quantity > allocatable.ScalarValue(name) - used.ScalarValue(name))
            {
                (reasons ??= []).Add("Insufficient " + name);
            }
        }

        return reasons;
    }

    public Status PreScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        state.Write(PreScoreKey, _scorer.PodRequests(state, pod));
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, V1Pod pod, NodeInfo node) =>
        _scorer.Score(node, state.Read<long[]>(PreScoreKey) ?? _scorer.PodRequests(state, pod));

    /// <summary>Only extended resources (a domain other than kubernetes.io) can be ignored.</summary>
    private bool IsIgnored(string name)
    {
        if ((_ignoredResources.Count == 0 && _ignoredGroups.Count == 0) || !IsExtendedResource(name))
        {
            return false;
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return _ignoredResources.Contains(name) || (slash > 0 && _ignoredGroups.Contains(name[..slash]));
    }

    private static bool IsExtendedResource(string name) =>
        name.Contains('/', StringComparison.Ordinal)
        && !name.Contains("kubernetes.io/", StringComparison.Ordinal)
        && !name.StartsWith("requests.", StringComparison.Ordinal);
}
