using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Fakes;

/// <summary>Scores nodes by a function; optionally rescales so the best node gets MaxNodeScore.</summary>
internal sealed class FakeScore(string name, Func<NodeInfo, long> score, bool normalize = false) : IScorePlugin
{
    public string Name => name;

    public (long Score, Status Status) Score(CycleState state, V1Pod pod, NodeInfo node) => (score(node), Status.Success);

    public Status NormalizeScore(CycleState state, V1Pod pod, Span<NodeScore> scores)
    {
        if (!normalize)
        {
            return Status.Success;
        }

        long max = 0;
        foreach (var s in scores)
        {
            max = Math.Max(max, s.Score);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i].Score = max == 0 ? 0 : scores[i].Score * IScorePlugin.MaxNodeScore / max;
        }

        return Status.Success;
    }
}
