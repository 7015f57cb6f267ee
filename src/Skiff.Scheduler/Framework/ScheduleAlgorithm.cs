using System.Buffers;
using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// Upstream's schedulePod: PreFilter, filter nodes (the nominated node first), score the feasible ones and pick the
/// best, breaking ties at random so equal nodes share the load.
/// </summary>
public sealed class ScheduleAlgorithm(FeasibleNodeFinder finder, Random random)
{
    public const string NoNodesAvailable = "no nodes available to schedule pods";

    public FeasibleNodeFinder Finder => finder;

    public ScheduleResult Schedule(Profile profile, CycleState state, V1Pod pod, INodeInfoLister snapshot, CancellationToken ct)
    {
        var allNodes = snapshot.List();
        var diagnosis = new Diagnosis();
        if (allNodes.Count == 0)
        {
            diagnosis.PreFilterMessage = NoNodesAvailable;
            return new ScheduleResult(null, 0, 0, new FitError(0, diagnosis));
        }

        var (preResult, preStatus) = profile.RunPreFilter(state, pod, allNodes);
        if (!preStatus.IsSuccess)
        {
            if (!preStatus.IsRejected)
            {
                throw new SchedulingException(preStatus.Message);
            }

            diagnosis.PreFilterMessage = preStatus.Message;
            foreach (var node in allNodes)
            {
                diagnosis.NodeToStatus[node.Name] = preStatus;
            }

            if (preStatus.Plugin is not null)
            {
                diagnosis.UnschedulablePlugins.Add(preStatus.Plugin);
            }

            return new ScheduleResult(null, 0, 0, new FitError(allNodes.Count, diagnosis));
        }

        var nominated = pod.Status?.NominatedNodeName;
        if (!string.IsNullOrEmpty(nominated) && snapshot.Get(nominated) is { } nominatedNode
            && (preResult?.NodeNames is null || preResult.NodeNames.Contains(nominated))
            && profile.RunFilterWithNominatedPods(state, pod, nominatedNode).IsSuccess)
        {
            return new ScheduleResult(nominated, 1, 1, null);
        }

        IReadOnlyList<NodeInfo> candidates = allNodes;
        if (preResult?.NodeNames is { } names)
        {
            var named = new List<NodeInfo>(names.Count);
            foreach (var name in names)
            {
                if (snapshot.Get(name) is { } node)
                {
                    named.Add(node);
                }
            }

            candidates = named;
        }

        var feasible = candidates.Count == 0 ? [] : finder.Find(profile, state, pod, candidates, diagnosis, ct);
        var evaluated = feasible.Count + diagnosis.NodeToStatus.Count;
        if (feasible.Count == 0)
        {
            if (preResult?.NodeNames is { } kept)
            {
                // Upstream counts the nodes a PreFilter ruled out too, naming the plugins that did it.
                var excluded = Status.Unresolvable($"node(s) didn't satisfy plugin(s) [{string.Join(" ", Profile.PreFilterNarrowedBy(state))}]");
                foreach (var node in allNodes)
                {
                    if (!kept.Contains(node.Name))
                    {
                        diagnosis.NodeToStatus.TryAdd(node.Name, excluded);
                    }
                }
            }

            return new ScheduleResult(null, evaluated, 0, new FitError(allNodes.Count, diagnosis));
        }

        if (feasible.Count == 1)
        {
            return new ScheduleResult(feasible[0].Name, evaluated, 1, null);
        }

        var preScore = profile.RunPreScore(state, pod, feasible);
        if (!preScore.IsSuccess)
        {
            throw new SchedulingException(preScore.Message);
        }

        var totals = ArrayPool<NodeScore>.Shared.Rent(feasible.Count);
        try
        {
            var scoreStatus = profile.RunScore(state, pod, feasible, totals);
            if (!scoreStatus.IsSuccess)
            {
                throw new SchedulingException(scoreStatus.Message);
            }

            return new ScheduleResult(SelectHost(totals.AsSpan(0, feasible.Count)), evaluated, feasible.Count, null);
        }
        finally
        {
            ArrayPool<NodeScore>.Shared.Return(totals);
        }
    }

    /// <summary>The highest total; among equal totals each is picked with equal chance (reservoir sampling).</summary>
    public string SelectHost(ReadOnlySpan<NodeScore> scores)
    {
        if (scores.Length == 0)
        {
            throw new ArgumentException("no nodes to select from", nameof(scores));
        }

        var best = scores[0];
        var ties = 1;
        for (var i = 1; i < scores.Length; i++)
        {
            var score = scores[i];
            if (score.Score > best.Score)
            {
                best = score;
                ties = 1;
            }
            else if (score.Score == best.Score)
            {
                ties++;
                if (random.Next(ties) == 0)
                {
                    best = score;
                }
            }
        }

        return best.Name;
    }
}
