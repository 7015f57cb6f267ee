using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.Shared;

internal static class ScoreNormalizer
{
    /// <summary>
    /// Upstream's DefaultNormalizeScore: scales [0, max] to [0, <see cref="IScorePlugin.MaxNodeScore"/>], and with
    /// <paramref name="reverse"/> turns "more is worse" counts around (all zero then means every node is best).
    /// </summary>
    public static void Default(Span<NodeScore> scores, bool reverse)
    {
        long max = 0;
        foreach (var score in scores)
        {
            max = Math.Max(max, score.Score);
        }

        if (max == 0)
        {
            if (reverse)
            {
                for (var i = 0; i < scores.Length; i++)
                {
                    scores[i].Score = IScorePlugin.MaxNodeScore;
                }
            }

            return;
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var scaled = IScorePlugin.MaxNodeScore * scores[i].Score / max;
            scores[i].Score = reverse ? IScorePlugin.MaxNodeScore - scaled : scaled;
        }
    }
}
