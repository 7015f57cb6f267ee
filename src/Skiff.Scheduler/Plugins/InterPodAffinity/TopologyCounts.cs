using System.Runtime.InteropServices;
using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.InterPodAffinity;

/// <summary>How many matching pods each topology domain holds; domains that drop to zero are removed.</summary>
internal sealed class TopologyCounts
{
    private static readonly IReadOnlyDictionary<string, string> s_noLabels = new Dictionary<string, string>();

    // How many domains of each topology key are counted: Filter then looks up a node's value for those keys only,
    // instead of walking every counted domain or every node label.
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);

    public Dictionary<TopologyPair, long> Counts { get; } = [];

    public int Count => Counts.Count;

    /// <summary>The topology keys of the counted domains.</summary>
    public Dictionary<string, int>.KeyCollection Keys => _keys.Keys;

    public long this[TopologyPair pair] => Counts.GetValueOrDefault(pair);

    public TopologyCounts Clone()
    {
        var copy = new TopologyCounts();
        foreach (var (pair, count) in Counts)
        {
            copy.Counts[pair] = count;
        }

        foreach (var (key, domains) in _keys)
        {
            copy._keys[key] = domains;
        }

        return copy;
    }

    public void Update(V1Node node, string topologyKey, long delta)
    {
        if (node.Metadata?.Labels is not { } labels || !labels.TryGetValue(topologyKey, out var value))
        {
            return;
        }

        var pair = new TopologyPair(topologyKey, value);
        var had = Counts.TryGetValue(pair, out var previous);
        var updated = previous + delta;
        if (updated == 0)
        {
            Counts.Remove(pair);
            if (had && --CollectionsMarshal.GetValueRefOrNullRef(_keys, topologyKey) == 0)
            {
                _keys.Remove(topologyKey);
            }
        }
        else
        {
            Counts[pair] = updated;
            if (!had)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_keys, topologyKey, out _)++;
            }
        }
    }

    /// <summary>Affinity counts only pods that match every one of the terms, and then in each term's domain.</summary>
    public void AddAffinity(IReadOnlyList<AffinityTerm> terms, PodInfo pod, V1Node node, long delta)
    {
        if (!MatchesAll(terms, pod))
        {
            return;
        }

        foreach (var term in terms)
        {
            Update(node, term.TopologyKey, delta);
        }
    }

    /// <summary>Anti-affinity counts each term a pod matches on its own.</summary>
    public void AddAntiAffinity(IReadOnlyList<AffinityTerm> terms, PodInfo pod, V1Node node, long delta)
    {
        foreach (var term in terms)
        {
            if (term.Matches(pod, s_noLabels))
            {
                Update(node, term.TopologyKey, delta);
            }
        }
    }

    /// <summary>Existing pods' anti-affinity terms against the incoming pod, whose namespace labels they may select on.</summary>
    public void AddAntiAffinity(IReadOnlyList<AffinityTerm> terms, V1Pod pod, IReadOnlyDictionary<string, string> namespaceLabels, V1Node node, long delta)
    {
        foreach (var term in terms)
        {
            if (term.Matches(pod, namespaceLabels))
            {
                Update(node, term.TopologyKey, delta);
            }
        }
    }

    public static bool MatchesAll(IReadOnlyList<AffinityTerm> terms, PodInfo pod) => MatchesAll(terms, pod.Namespace, pod.Labels);

    /// <summary>Whether a pod in <paramref name="ns"/> with <paramref name="labels"/> matches every term (and there are terms).</summary>
    public static bool MatchesAll(IReadOnlyList<AffinityTerm> terms, string ns, IReadOnlyDictionary<string, string> labels)
    {
        if (terms.Count == 0)
        {
            return false;
        }

        foreach (var term in terms)
        {
            if (!term.Matches(ns, labels, null))
            {
                return false;
            }
        }

        return true;
    }
}
