using Skiff.Api.Selectors;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// Which nodes hold pods with a given label, and which hold pods whose required anti-affinity terms could match a
/// pod with a given label. InterPodAffinity's PreFilter uses it to visit only the nodes that can add to its counts
/// instead of matching selectors against every placed pod each cycle. A node's entries are replaced whole whenever
/// its copy in the snapshot is, so the index always describes the snapshot's current NodeInfos.
/// </summary>
public sealed class PodIndex
{
    private readonly NodesByLabel _byLabel = new();
    private readonly NodesByLabel _byAntiAffinityAnchor = new();
    private readonly Dictionary<string, int> _unanchoredAntiAffinity = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Key, string Value), Dictionary<string, int>> _live = [];
    private static readonly Dictionary<string, int> s_none = [];

    public void Add(NodeInfo node) => Apply(node, 1);

    public void Remove(NodeInfo node) => Apply(node, -1);

    /// <summary>
    /// Nodes with a pod whose required anti-affinity might match a pod with these labels: every term that matches
    /// has its anchor requirement satisfied by one of the labels, or has no anchor.
    /// </summary>
    public void AddNodesWithAntiAffinityFor(IReadOnlyDictionary<string, string> podLabels, HashSet<string> into)
    {
        foreach (var (key, value) in podLabels)
        {
            _byAntiAffinityAnchor.AddNodes(key, value, into);
        }

        into.UnionWith(_unanchoredAntiAffinity.Keys);
    }

    /// <summary>
    /// Adds the nodes holding a pod the selector might match; false when the selector has no requirement that
    /// names its values (only then can a pod without the anchor label match, so every node is a candidate).
    /// </summary>
    public bool TryAddNodesMatching(LabelSelector selector, HashSet<string> into)
    {
        if (selector.IsNothing)
        {
            return true;
        }

        if (Anchor(selector) is not { } anchor)
        {
            return false;
        }

        foreach (var value in anchor.Values)
        {
            _byLabel.AddNodes(anchor.Key, value, into);
        }

        return true;
    }

    /// <summary>
    /// Per node, how many pods of the namespace that are not terminating carry the label: what topology spread
    /// counts for a selector of that one label, without walking the pods.
    /// </summary>
    public IReadOnlyDictionary<string, int> LivePodsPerNode(string ns, string key, string value) =>
        _live.GetValueOrDefault((ns, key, value)) ?? s_none;

    /// <summary>The first requirement a matching pod must satisfy with one of a known set of values.</summary>
    internal static LabelRequirement? Anchor(LabelSelector selector)
    {
        foreach (var requirement in selector.Requirements)
        {
            if (requirement.Operator is SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In)
            {
                return requirement;
            }
        }

        return null;
    }

    private void Apply(NodeInfo node, int delta)
    {
        foreach (var pod in node.Pods)
        {
            foreach (var (key, value) in pod.Labels)
            {
                _byLabel.Add(key, value, node.Name, delta);
                if (!pod.Terminating)
                {
                    CountLive((pod.Namespace, key, value), node.Name, delta);
                }
            }
        }

        foreach (var pod in node.PodsWithRequiredAntiAffinity)
        {
            foreach (var term in pod.Affinity.RequiredAntiAffinity)
            {
                if (term.Selector.IsNothing)
                {
                    continue;
                }

                if (Anchor(term.Selector) is { } anchor)
                {
                    foreach (var value in anchor.Values)
                    {
                        _byAntiAffinityAnchor.Add(anchor.Key, value, node.Name, delta);
                    }
                }
                else
                {
                    NodesByLabel.Count(_unanchoredAntiAffinity, node.Name, delta);
                }
            }
        }
    }

    private void CountLive((string Namespace, string Key, string Value) label, string node, int delta)
    {
        if (!_live.TryGetValue(label, out var nodes))
        {
            nodes = new Dictionary<string, int>(StringComparer.Ordinal);
            _live[label] = nodes;
        }

        NodesByLabel.Count(nodes, node, delta);
        if (nodes.Count == 0)
        {
            _live.Remove(label);
        }
    }

    /// <summary>Label key → value → node name → how many entries of that node carry the label.</summary>
    private sealed class NodesByLabel
    {
        private readonly Dictionary<string, Dictionary<string, Dictionary<string, int>>> _keys = new(StringComparer.Ordinal);

        public void Add(string key, string value, string node, int delta)
        {
            if (!_keys.TryGetValue(key, out var values))
            {
                values = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
                _keys[key] = values;
            }

            if (!values.TryGetValue(value, out var nodes))
            {
                nodes = new Dictionary<string, int>(StringComparer.Ordinal);
                values[value] = nodes;
            }

            Count(nodes, node, delta);
            if (nodes.Count == 0)
            {
                values.Remove(value);
                if (values.Count == 0)
                {
                    _keys.Remove(key);
                }
            }
        }

        public void AddNodes(string key, string value, HashSet<string> into)
        {
            if (_keys.TryGetValue(key, out var values) && values.TryGetValue(value, out var nodes))
            {
                into.UnionWith(nodes.Keys);
            }
        }

        public static void Count(Dictionary<string, int> nodes, string node, int delta)
        {
            var updated = nodes.GetValueOrDefault(node) + delta;
            if (updated <= 0)
            {
                nodes.Remove(node);
            }
            else
            {
                nodes[node] = updated;
            }
        }
    }
}
