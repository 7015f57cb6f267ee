using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.PodTopologySpread;

internal sealed partial class PodTopologySpreadPlugin
{
    private const string PreScoreKey = "PreScore" + PluginName;

    public Status PreScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var allNodes = _snapshot?.List() ?? nodes;
        if (nodes.Count == 0 || allNodes.Count == 0)
        {
            return Status.Skip;
        }

        var constraints = Constraints(pod, "ScheduleAnyway");
        if (constraints.Count == 0)
        {
            return Status.Skip;
        }

        // System defaults apply to nodes that lack a key (a cluster without zones still spreads by hostname).
        var requireAllKeys = pod.Spec?.TopologySpreadConstraints is { Count: > 0 } || !SystemDefaulted;
        var s = new SpreadPreScoreState(constraints, new HashSet<string>(StringComparer.Ordinal));
        var domains = new int[constraints.Count];
        foreach (var node in nodes)
        {
            if (node.Node is null)
            {
                continue;
            }

            if (requireAllKeys && !SpreadConstraint.NodeHasAllKeys(node.Node, constraints))
            {
                s.IgnoredNodes.Add(node.Name);
                continue;
            }

            var labels = node.Node.Metadata?.Labels;
            for (var i = 0; i < constraints.Count; i++)
            {
                var key = constraints[i].TopologyKey;

                // Hostname domains are the nodes themselves, counted at Score time.
                if (key == SpreadConstraint.HostnameKey)
                {
                    continue;
                }

                // Under system defaults a node without the key joins the "" domain, as upstream's map lookup does.
                if (s.PodCounts[i].TryAdd(LabelOrEmpty(labels, key), 0))
                {
                    domains[i]++;
                }
            }
        }

        for (var i = 0; i < constraints.Count; i++)
        {
            var size = constraints[i].TopologyKey == SpreadConstraint.HostnameKey ? nodes.Count - s.IgnoredNodes.Count : domains[i];
            s.Weights[i] = Math.Log(size + 2);
        }

        // Pods anywhere in a candidate's domain count, including on nodes that failed filtering.
        var ns = pod.Metadata?.NamespaceProperty ?? string.Empty;
        var podNodeAffinity = RequiredNodeAffinity.From(pod);
        foreach (var node in allNodes)
        {
            if (node.Node is null || (requireAllKeys && !SpreadConstraint.NodeHasAllKeys(node.Node, constraints)))
            {
                continue;
            }

            var labels = node.Node.Metadata?.Labels;
            for (var i = 0; i < constraints.Count; i++)
            {
                var c = constraints[i];
                var value = LabelOrEmpty(labels, c.TopologyKey);
                if (!s.PodCounts[i].TryGetValue(value, out var count))
                {
                    continue;
                }

                if (c.IncludesNode(pod, node.Node, podNodeAffinity))
                {
                    s.PodCounts[i][value] = count + c.CountMatching(node.Pods, ns);
                }
            }
        }

        state.Write(PreScoreKey, s);
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, V1Pod pod, NodeInfo node)
    {
        if (state.Read<SpreadPreScoreState>(PreScoreKey) is not { } s || node.Node is null || s.IgnoredNodes.Contains(node.Name))
        {
            return (0, Status.Success);
        }

        var labels = node.Node.Metadata?.Labels;
        var ns = pod.Metadata?.NamespaceProperty ?? string.Empty;
        var score = 0.0;
        for (var i = 0; i < s.Constraints.Count; i++)
        {
            var c = s.Constraints[i];
            if (labels is null || !labels.TryGetValue(c.TopologyKey, out var value))
            {
                continue;
            }

            var count = c.TopologyKey == SpreadConstraint.HostnameKey ? c.CountMatching(node.Pods, ns) : s.PodCounts[i].GetValueOrDefault(value);
            score += (count * s.Weights[i]) + (c.MaxSkew - 1);
        }

        return ((long)Math.Round(score, MidpointRounding.AwayFromZero), Status.Success);
    }

    /// <summary>Fewer matching pods is better: the node with the fewest scores 100, ignored nodes 0.</summary>
    public Status NormalizeScore(CycleState state, V1Pod pod, Span<NodeScore> scores)
    {
        if (state.Read<SpreadPreScoreState>(PreScoreKey) is not { } s)
        {
            return Status.Success;
        }

        long min = long.MaxValue, max = 0;
        foreach (var score in scores)
        {
            if (s.IgnoredNodes.Contains(score.Name))
            {
                continue;
            }

            min = Math.Min(min, score.Score);
            max = Math.Max(max, score.Score);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (s.IgnoredNodes.Contains(scores[i].Name))
            {
                scores[i].Score = 0;
            }
            else if (max == 0)
            {
                scores[i].Score = IScorePlugin.MaxNodeScore;
            }
            else
            {
                scores[i].Score = IScorePlugin.MaxNodeScore * (max + min - scores[i].Score) / max;
            }
        }

        return Status.Success;
    }

    private static string LabelOrEmpty(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : string.Empty;
}
