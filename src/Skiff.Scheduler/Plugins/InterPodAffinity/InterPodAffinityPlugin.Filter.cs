using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.InterPodAffinity;

internal sealed partial class InterPodAffinityPlugin
{
    public const string ReasonAffinity = "node(s) didn't match pod affinity rules";

    public const string ReasonAntiAffinity = "node(s) didn't match pod anti-affinity rules";

    public const string ReasonExistingAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules";

    // Filters reject thousands of nodes per pod; one shared status per reason saves allocating each time.
    private static readonly Status s_reasonAffinityStatus = Status.Unresolvable(ReasonAffinity);
    private static readonly Status s_reasonAntiAffinityStatus = Status.Unschedulable(ReasonAntiAffinity);
    private static readonly Status s_reasonExistingAntiAffinityStatus = Status.Unschedulable(ReasonExistingAntiAffinity);

    private const string PreFilterKey = "PreFilter" + PluginName;

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var parsed = state.PodAffinity(pod);
        if (parsed.ParseError is not null)
        {
            return (null, Status.Unresolvable(parsed.ParseError));
        }

        var terms = parsed.HasRequired ? parsed.ResolveNamespaces(NamespacesMatching) : parsed;
        var namespaceLabels = NamespaceLabels(pod);
        var existingAntiAffinity = new TopologyCounts();
        var affinity = new TopologyCounts();
        var antiAffinity = new TopologyCounts();
        var index = IndexFor(nodes);
        foreach (var node in index is null ? _snapshot?.HavePodsWithRequiredAntiAffinityList() ?? nodes : NodesWithAntiAffinityFor(index, pod))
        {
            if (node.Node is null)
            {
                continue;
            }

            foreach (var existing in node.PodsWithRequiredAntiAffinity)
            {
                existingAntiAffinity.AddAntiAffinity(existing.Affinity.RequiredAntiAffinity, pod, namespaceLabels, node.Node, 1);
            }
        }

        if (terms.HasRequired)
        {
            foreach (var node in (index is null ? null : NodesMatching(index, terms)) ?? nodes)
            {
                if (node.Node is null)
                {
                    continue;
                }

                foreach (var existing in node.Pods)
                {
                    affinity.AddAffinity(terms.RequiredAffinity, existing, node.Node, 1);
                    antiAffinity.AddAntiAffinity(terms.RequiredAntiAffinity, existing, node.Node, 1);
                }
            }
        }

        if (existingAntiAffinity.Count == 0 && !terms.HasRequired)
        {
            return (null, Status.Skip);
        }

        state.Write(PreFilterKey, new InterPodAffinityPreFilterState(new IncomingPod(pod, terms, MatchesOwnAffinity(pod, terms)), namespaceLabels, existingAntiAffinity, affinity, antiAffinity));
        return (null, Status.Success);
    }

    private static bool MatchesOwnAffinity(V1Pod pod, PodAffinityTerms terms) =>
        TopologyCounts.MatchesAll(terms.RequiredAffinity, pod.Metadata?.NamespaceProperty ?? string.Empty, AffinityTerm.LabelsOf(pod.Metadata?.Labels));

    public Status AddPod(CycleState state, V1Pod podToSchedule, PodInfo podToAdd, NodeInfo node)
    {
        state.Read<InterPodAffinityPreFilterState>(PreFilterKey)?.Update(podToAdd, node, 1);
        return Status.Success;
    }

    public Status RemovePod(CycleState state, V1Pod podToSchedule, PodInfo podToRemove, NodeInfo node)
    {
        state.Read<InterPodAffinityPreFilterState>(PreFilterKey)?.Update(podToRemove, node, -1);
        return Status.Success;
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        if (state.Read<InterPodAffinityPreFilterState>(PreFilterKey) is not { } s)
        {
            return Status.Success;
        }

        if (node.Node is null)
        {
            return Status.Error("node not found");
        }

        var labels = node.Node.Metadata?.Labels;
        if (!SatisfiesAffinity(s, labels))
        {
            return s_reasonAffinityStatus;
        }

        if (!SatisfiesAntiAffinity(s, labels))
        {
            return s_reasonAntiAffinityStatus;
        }

        if (!SatisfiesExistingAntiAffinity(s, labels))
        {
            return s_reasonExistingAntiAffinityStatus;
        }

        return Status.Success;
    }

    private static bool SatisfiesAffinity(InterPodAffinityPreFilterState s, IDictionary<string, string>? labels)
    {
        var terms = s.Pod.Terms.RequiredAffinity;
        var podsExist = true;
        foreach (var term in terms)
        {
            // Every term's topology label must be on the node.
            if (labels is null || !labels.TryGetValue(term.TopologyKey, out var value))
            {
                return false;
            }

            if (s.Affinity[new TopologyPair(term.TopologyKey, value)] <= 0)
            {
                podsExist = false;
            }
        }

        // No pod anywhere matches yet: the first pod of a group with affinity to itself may go anywhere its labels fit.
        return podsExist || (s.Affinity.Count == 0 && s.Pod.MatchesOwnAffinity);
    }

    private static bool SatisfiesAntiAffinity(InterPodAffinityPreFilterState s, IDictionary<string, string>? labels)
    {
        if (s.AntiAffinity.Count == 0 || labels is null)
        {
            return true;
        }

        foreach (var term in s.Pod.Terms.RequiredAntiAffinity)
        {
            if (labels.TryGetValue(term.TopologyKey, out var value) && s.AntiAffinity[new TopologyPair(term.TopologyKey, value)] > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SatisfiesExistingAntiAffinity(InterPodAffinityPreFilterState s, IDictionary<string, string>? labels)
    {
        if (s.ExistingAntiAffinity.Count == 0 || labels is null)
        {
            return true;
        }

        // A node lies in a counted domain only through its value for one of the counted keys (usually one key,
        // while a pod group's anti-affinity can name a domain per node).
        foreach (var key in s.ExistingAntiAffinity.Keys)
        {
            if (labels.TryGetValue(key, out var value) && s.ExistingAntiAffinity[new TopologyPair(key, value)] > 0)
            {
                return false;
            }
        }

        return true;
    }
}
