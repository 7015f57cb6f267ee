using System.Runtime.InteropServices;
using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.PodTopologySpread;

internal sealed partial class PodTopologySpreadPlugin
{
    public const string ReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";

    public const string ReasonNodeLabelNotMatch = ReasonConstraintsNotMatch + " (missing required label)";

    // Filters reject thousands of nodes per pod; one shared status per reason saves allocating each time.
    private static readonly Status s_reasonNodeLabelNotMatchStatus = Status.Unresolvable(ReasonNodeLabelNotMatch);
    private static readonly Status s_reasonConstraintsNotMatchStatus = Status.Unschedulable(ReasonConstraintsNotMatch);

    private const string PreFilterKey = "PreFilter" + PluginName;

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var constraints = Constraints(pod, "DoNotSchedule");
        if (constraints.Count == 0)
        {
            return (null, Status.Skip);
        }

        var ns = pod.Metadata?.NamespaceProperty ?? string.Empty;
        var s = new SpreadPreFilterState(constraints, RequiredNodeAffinity.From(pod));
        var podLabels = AffinityTerm.LabelsOf(pod.Metadata?.Labels);
        for (var i = 0; i < constraints.Count; i++)
        {
            s.SelfMatch[i] = constraints[i].Selector.Matches(podLabels) ? 1 : 0;
        }

        var live = LiveCounts(constraints, ns, nodes);
        foreach (var node in nodes)
        {
            // The labels NodeInfo captured are the node's own metadata.labels, one hop nearer.
            if (node.Node is null || node.Labels is not { } labels || !SpreadConstraint.LabelsHaveAllKeys(labels, constraints))
            {
                continue;
            }

            for (var i = 0; i < constraints.Count; i++)
            {
                var c = constraints[i];
                if (!c.IncludesNode(pod, node, s.PodNodeAffinity))
                {
                    continue;
                }

                var count = live[i] is { } perNode ? perNode.GetValueOrDefault(node.Name) : c.CountMatching(node.Pods, ns);
                CollectionsMarshal.GetValueRefOrAddDefault(s.MatchNum[i], labels[c.TopologyKey], out _) += count;
            }
        }

        s.RecomputeMinimums();
        state.Write(PreFilterKey, s);
        return (null, Status.Success);
    }

    /// <summary>
    /// Per constraint, the snapshot index's per-node counts when the selector is one label and the nodes are the
    /// snapshot's own; null where the pods have to be walked.
    /// </summary>
    private IReadOnlyDictionary<string, int>?[] LiveCounts(List<SpreadConstraint> constraints, string ns, IReadOnlyList<NodeInfo> nodes)
    {
        var live = new IReadOnlyDictionary<string, int>?[constraints.Count];
        if (_snapshot?.PodIndex is not { } index || !ReferenceEquals(nodes, _snapshot.List()))
        {
            return live;
        }

        for (var i = 0; i < constraints.Count; i++)
        {
            if (constraints[i].SingleLabel() is var (key, value))
            {
                live[i] = index.LivePodsPerNode(ns, key, value);
            }
        }

        return live;
    }

    public Status AddPod(CycleState state, V1Pod podToSchedule, PodInfo podToAdd, NodeInfo node)
    {
        if (node.Node is not null)
        {
            state.Read<SpreadPreFilterState>(PreFilterKey)?.Update(podToSchedule, podToAdd.Pod, node.Node, 1);
        }

        return Status.Success;
    }

    public Status RemovePod(CycleState state, V1Pod podToSchedule, PodInfo podToRemove, NodeInfo node)
    {
        if (node.Node is not null)
        {
            state.Read<SpreadPreFilterState>(PreFilterKey)?.Update(podToSchedule, podToRemove.Pod, node.Node, -1);
        }

        return Status.Success;
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        if (state.Read<SpreadPreFilterState>(PreFilterKey) is not { } s)
        {
            return Status.Success;
        }

        if (node.Node is null)
        {
            return Status.Error("node not found");
        }

        var labels = node.Node.Metadata?.Labels;
        for (var i = 0; i < s.Constraints.Count; i++)
        {
            var c = s.Constraints[i];
            if (labels is null || !labels.TryGetValue(c.TopologyKey, out var value))
            {
                return s_reasonNodeLabelNotMatchStatus;
            }

            // Skew if the pod landed here: pods already in this domain, plus the pod itself when it matches, minus the
            // emptiest domain.
            var skew = s.MatchNum[i].GetValueOrDefault(value) + s.SelfMatch[i] - s.MinMatch[i];
            if (skew > c.MaxSkew)
            {
                return s_reasonConstraintsNotMatchStatus;
            }
        }

        return Status.Success;
    }
}
