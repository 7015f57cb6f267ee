using k8s.Models;

namespace Skiff.Scheduler.Framework;

public interface IPreBindPlugin : IPlugin
{
    Task<Status> PreBindAsync(CycleState state, V1Pod pod, string nodeName, CancellationToken ct);
}
