using k8s.Models;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// Matching pods per domain for each DoNotSchedule constraint, and each constraint's global minimum, counted once per
/// cycle over the nodes the constraint includes.
/// </summary>
internal sealed class SpreadPreFilterState : ICloneable
{
    public SpreadPreFilterState(List<SpreadConstraint> constraints, RequiredNodeAffinity podNodeAffinity)
    {
        Constraints = constraints;
        PodNodeAffinity = podNodeAffinity;
        MatchNum = new Dictionary<string, int>[constraints.Count];
        for (var i = 0; i < MatchNum.Length; i++)
        {
            MatchNum[i] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        MinMatch = new int[constraints.Count];
        SelfMatch = new int[constraints.Count];
    }

    public List<SpreadConstraint> Constraints { get; }

    public RequiredNodeAffinity PodNodeAffinity { get; }

    /// <summary>Per constraint: topology value → matching pods there.</summary>
    public Dictionary<string, int>[] MatchNum { get; }

    /// <summary>Per constraint: the global minimum, or 0 when there are fewer domains than minDomains.</summary>
    public int[] MinMatch { get; }

    /// <summary>Per constraint: 1 when the incoming pod matches its own selector (it then adds to the skew), else 0.</summary>
    public int[] SelfMatch { get; private init; }

    public object Clone()
    {
        var copy = new SpreadPreFilterState(Constraints, PodNodeAffinity) { SelfMatch = SelfMatch };
        for (var i = 0; i < MatchNum.Length; i++)
        {
            foreach (var (value, count) in MatchNum[i])
            {
                copy.MatchNum[i][value] = count;
            }
        }

        copy.RecomputeMinimums();
        return copy;
    }

    public void RecomputeMinimums()
    {
        for (var i = 0; i < Constraints.Count; i++)
        {
            var domains = MatchNum[i];
            var min = int.MaxValue;
            foreach (var count in domains.Values)
            {
                min = Math.Min(min, count);
            }

            MinMatch[i] = domains.Count < Constraints[i].MinDomains || domains.Count == 0 ? 0 : min;
        }
    }

    /// <summary>Preemption's what-if: a pod of the same namespace added to or removed from a node.</summary>
    public void Update(V1Pod incoming, V1Pod other, V1Node node, int delta)
    {
        if (other.Metadata?.NamespaceProperty != incoming.Metadata?.NamespaceProperty || !SpreadConstraint.NodeHasAllKeys(node, Constraints))
        {
            return;
        }

        var labels = Framework.AffinityTerm.LabelsOf(other.Metadata?.Labels);
        for (var i = 0; i < Constraints.Count; i++)
        {
            var c = Constraints[i];
            if (!c.Selector.Matches(labels) || !c.IncludesNode(incoming, node, PodNodeAffinity))
            {
                continue;
            }

            var value = node.Metadata!.Labels![c.TopologyKey];
            MatchNum[i][value] = MatchNum[i].GetValueOrDefault(value) + delta;
        }

        RecomputeMinimums();
    }
}
