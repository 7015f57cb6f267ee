using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>Returns <see cref="Status.Skip"/> to let the next bind plugin do it.</summary>
public interface IBindPlugin : IPlugin
{
    Task<Status> BindAsync(CycleState state, V1Pod pod, string nodeName, CancellationToken ct);
}
