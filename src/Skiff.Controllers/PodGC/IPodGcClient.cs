using k8s.Models;

namespace Skiff.Controllers.PodGC;

/// <summary>The pod GC's API calls; a fake in tests.</summary>
public interface IPodGcClient
{
    /// <summary>Force-deletes (grace period 0) with a uid precondition; a pod already gone is not an error.</summary>
    Task DeletePodAsync(V1Pod pod, CancellationToken ct);

    /// <summary>
    /// Moves a pod that never reached a terminal phase to Failed (with <paramref name="condition"/> when given), so
    /// whatever owns it sees it end rather than vanish while Running; no kubelet will do it for an orphan.
    /// </summary>
    Task MarkFailedAsync(V1Pod pod, V1PodCondition? condition, CancellationToken ct);

    /// <summary>Asks the API, not the cache, whether the node exists.</summary>
    Task<bool> NodeExistsAsync(string name, CancellationToken ct);
}
