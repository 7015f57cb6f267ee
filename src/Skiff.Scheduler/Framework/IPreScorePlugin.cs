using k8s.Models;

namespace Skiff.Scheduler.Framework;

public interface IPreScorePlugin : IPlugin
{
    Status PreScore(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes);
}
