using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// The nodes PreFilter has to visit: only those the snapshot's pod index says can hold a pod that adds to a count.
/// Every other node would add nothing, so the counts come out the same as visiting all of them.
/// </summary>
internal sealed partial class InterPodAffinityPlugin
{
    /// <summary>The snapshot's index, when the nodes passed in are the snapshot's own (what the index describes).</summary>
    private PodIndex? IndexFor(IReadOnlyList<NodeInfo> nodes) =>
        _snapshot?.PodIndex is { } index && ReferenceEquals(nodes, _snapshot.List()) ? index : null;

    private List<NodeInfo> NodesWithAntiAffinityFor(PodIndex index, V1Pod pod)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        index.AddNodesWithAntiAffinityFor(AffinityTerm.LabelsOf(pod.Metadata?.Labels), names);
        return Resolve(names);
    }

    /// <summary>
    /// Nodes with a pod the incoming pod's required terms might match, or null when some term could match pods
    /// without a label the index can look up. A pod counts for affinity only when it matches every term, so one
    /// term's candidates cover affinity; anti-affinity counts each term on its own, so it needs all terms' candidates.
    /// </summary>
    private List<NodeInfo>? NodesMatching(PodIndex index, PodAffinityTerms terms)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (terms.RequiredAffinity.Count > 0 && !AnyTermIndexed(index, terms.RequiredAffinity, names))
        {
            return null;
        }

        foreach (var term in terms.RequiredAntiAffinity)
        {
            if (!index.TryAddNodesMatching(term.Selector, names))
            {
                return null;
            }
        }

        return Resolve(names);
    }

    private static bool AnyTermIndexed(PodIndex index, IReadOnlyList<AffinityTerm> terms, HashSet<string> names)
    {
        foreach (var term in terms)
        {
            if (index.TryAddNodesMatching(term.Selector, names))
            {
                return true;
            }
        }

        return false;
    }

    private List<NodeInfo> Resolve(HashSet<string> names)
    {
        var nodes = new List<NodeInfo>(names.Count);
        foreach (var name in names)
        {
            if (_snapshot!.Get(name) is { } node)
            {
                nodes.Add(node);
            }
        }

        return nodes;
    }
}
