using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Plugins;

/// <summary>Runs a plugin through its extension points the way the framework does, for one pod and a set of nodes.</summary>
internal static class PluginRunner
{
    /// <summary>PreFilter then Filter per node; a skipped PreFilter means every node passes, a rejecting one fails all.</summary>
    public static Dictionary<string, Status> Filter(IFilterPlugin plugin, V1Pod pod, params NodeInfo[] nodes)
    {
        var state = new CycleState();
        var results = new Dictionary<string, Status>();
        if (plugin is IPreFilterPlugin pre)
        {
            var (result, status) = pre.PreFilter(state, pod, nodes);
            if (status.Code == StatusCode.Skip)
            {
                return nodes.ToDictionary(n => n.Name, _ => Status.Success);
            }

            if (!status.IsSuccess)
            {
                return nodes.ToDictionary(n => n.Name, _ => status);
            }

            if (result?.NodeNames is { } names)
            {
                foreach (var node in nodes.Where(n => !names.Contains(n.Name)))
                {
                    results[node.Name] = Status.Unresolvable("filtered by PreFilter");
                }
            }
        }

        foreach (var node in nodes.Where(n => !results.ContainsKey(n.Name)))
        {
            results[node.Name] = plugin.Filter(state, pod, node);
        }

        return results;
    }

    /// <summary>One line per node, "name: reason" or "name: ok", so tables can compare whole outcomes.</summary>
    public static string Describe(Dictionary<string, Status> results) =>
        string.Join("; ", results.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {(r.Value.IsSuccess ? "ok" : r.Value.Message)}"));

    /// <summary>PreScore, Score per node, NormalizeScore; a skipped PreScore scores every node 0, as the framework does.</summary>
    public static Dictionary<string, long> Score(IScorePlugin plugin, V1Pod pod, NodeInfo[] candidates)
    {
        var state = new CycleState();
        if (plugin is IPreScorePlugin pre)
        {
            var status = pre.PreScore(state, pod, candidates);
            if (status.Code == StatusCode.Skip)
            {
                return candidates.ToDictionary(n => n.Name, _ => 0L);
            }

            Assert.True(status.IsSuccess, status.Message);
        }

        var scores = new NodeScore[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            var (score, status) = plugin.Score(state, pod, candidates[i]);
            Assert.True(status.IsSuccess, status.Message);
            scores[i] = new NodeScore(candidates[i].Name, score);
        }

        Assert.True(plugin.NormalizeScore(state, pod, scores).IsSuccess);
        return scores.ToDictionary(s => s.Name, s => s.Score);
    }

    public static string Describe(Dictionary<string, long> scores) =>
        string.Join(", ", scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"));
}
