using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>Runs when no node passed filtering (preemption lives here); may nominate a node.</summary>
public interface IPostFilterPlugin : IPlugin
{
    Task<(string? NominatedNode, Status Status)> PostFilterAsync(
        CycleState state, V1Pod pod, IReadOnlyDictionary<string, Status> filteredNodeStatuses, CancellationToken ct);
}
