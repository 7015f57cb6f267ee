using k8s.Models;

namespace Skiff.Scheduler.Framework;

public interface IScorePlugin : IPlugin
{
    /// <summary>Upstream's scale: every score ends in [0, <see cref="MaxNodeScore"/>] after normalisation.</summary>
    public const long MaxNodeScore = 100;

    (long Score, Status Status) Score(CycleState state, V1Pod pod, NodeInfo node);

    /// <summary>Rescales raw scores in place; plugins whose scores are already in range keep the default.</summary>
    Status NormalizeScore(CycleState state, V1Pod pod, Span<NodeScore> scores) => Status.Success;
}
