using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.InterPodAffinity;

internal sealed partial class InterPodAffinityPlugin
{
    private const string PreScoreKey = "PreScore" + PluginName;

    public Status PreScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        if (nodes.Count == 0)
        {
            return Status.Skip;
        }

        var parsed = state.PodAffinity(pod);
        if (parsed.ParseError is not null)
        {
            return Status.Error(parsed.ParseError);
        }

        var hasConstraints = parsed.HasPreferred;
        if (_options.IgnorePreferredTermsOfExistingPods && !hasConstraints)
        {
            return Status.Skip;
        }

        var terms = hasConstraints ? parsed.ResolveNamespaces(NamespacesMatching) : parsed;
        var namespaceLabels = NamespaceLabels(pod);
        var score = new InterPodAffinityPreScoreState();

        // Pods on nodes that failed filtering still attract or repel through their domains, hence every node; unless
        // the incoming pod has preferences of its own, only nodes with pods that have affinity terms matter.
        var candidates = hasConstraints ? _snapshot?.List() : _snapshot?.HavePodsWithAffinityList();
        foreach (var node in candidates ?? nodes)
        {
            // Without preferences of the incoming pod, only existing pods' affinity or preferred terms add anything.
            if ((!hasConstraints && node.PodsWithScoringAffinity == 0) || node.Node?.Metadata?.Labels is not { Count: > 0 } labels)
            {
                continue;
            }

            foreach (var existing in hasConstraints ? node.Pods : node.PodsWithAffinity)
            {
                if (hasConstraints || existing.HasScoringAffinity)
                {
                    AddExistingPod(score, terms, pod, namespaceLabels, existing, labels);
                }
            }
        }

        if (score.TopologyScore.Count == 0)
        {
            return Status.Skip;
        }

        state.Write(PreScoreKey, score);
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, V1Pod pod, NodeInfo node)
    {
        if (state.Read<InterPodAffinityPreScoreState>(PreScoreKey) is not { } s || node.Node?.Metadata?.Labels is not { } labels)
        {
            return (0, Status.Success);
        }

        long score = 0;
        foreach (var (key, values) in s.TopologyScore)
        {
            if (labels.TryGetValue(key, out var value))
            {
                score += values.GetValueOrDefault(value);
            }
        }

        return (score, Status.Success);
    }

    /// <summary>Min-max scaling onto 0..100; equal scores all become 0.</summary>
    public Status NormalizeScore(CycleState state, V1Pod pod, Span<NodeScore> scores)
    {
        if (state.Read<InterPodAffinityPreScoreState>(PreScoreKey) is null || scores.Length == 0)
        {
            return Status.Success;
        }

        long min = long.MaxValue, max = long.MinValue;
        foreach (var score in scores)
        {
            min = Math.Min(min, score.Score);
            max = Math.Max(max, score.Score);
        }

        var spread = max - min;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i].Score = spread > 0 ? (long)(IScorePlugin.MaxNodeScore * ((double)(scores[i].Score - min) / spread)) : 0;
        }

        return Status.Success;
    }

    private void AddExistingPod(
        InterPodAffinityPreScoreState score,
        PodAffinityTerms incoming,
        V1Pod pod,
        IReadOnlyDictionary<string, string> namespaceLabels,
        PodInfo existing,
        IDictionary<string, string> nodeLabels)
    {
        // The incoming pod's preferences about the existing pod (namespaces already resolved, so no labels needed).
        AddTerms(score, incoming.PreferredAffinity, existing.Pod, null, nodeLabels, 1);
        AddTerms(score, incoming.PreferredAntiAffinity, existing.Pod, null, nodeLabels, -1);

        // The existing pod's rules about the incoming pod: its hard affinity counts with the configured weight.
        var theirs = existing.Affinity;
        if (_options.HardPodAffinityWeight > 0)
        {
            foreach (var term in theirs.RequiredAffinity)
            {
                AddTerm(score, term, _options.HardPodAffinityWeight, pod, namespaceLabels, nodeLabels, 1);
            }
        }

        AddTerms(score, theirs.PreferredAffinity, pod, namespaceLabels, nodeLabels, 1);
        AddTerms(score, theirs.PreferredAntiAffinity, pod, namespaceLabels, nodeLabels, -1);
    }

    private static void AddTerms(
        InterPodAffinityPreScoreState score,
        IReadOnlyList<AffinityTerm> terms,
        V1Pod pod,
        IReadOnlyDictionary<string, string>? namespaceLabels,
        IDictionary<string, string> nodeLabels,
        int sign)
    {
        foreach (var term in terms)
        {
            AddTerm(score, term, term.Weight, pod, namespaceLabels, nodeLabels, sign);
        }
    }

    private static void AddTerm(
        InterPodAffinityPreScoreState score,
        AffinityTerm term,
        long weight,
        V1Pod pod,
        IReadOnlyDictionary<string, string>? namespaceLabels,
        IDictionary<string, string> nodeLabels,
        int sign)
    {
        if (term.Matches(pod, namespaceLabels) && nodeLabels.TryGetValue(term.TopologyKey, out var value))
        {
            score.Add(term.TopologyKey, value, weight * sign);
        }
    }
}
