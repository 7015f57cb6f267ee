using System.Collections.Concurrent;
using k8s.Models;
using Skiff.Kubelet.Status;

namespace Skiff.Kubelet.Pods;

/// <summary>What a pod's worker remembers between syncs; everything else is read again from the CRI each time.</summary>
public sealed class PodWorkerState
{
    /// <summary>Why each container (by name) is waiting right now.</summary>
    public ConcurrentDictionary<string, WaitingReason> Waiting { get; } = new(StringComparer.Ordinal);

    /// <summary>When each image pull (by container name) last failed, for ImagePullBackOff.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> PullFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>Container ids whose liveness probe failed; the next sync kills them.</summary>
    public ConcurrentDictionary<string, string> Unhealthy { get; } = new(StringComparer.Ordinal);

    /// <summary>The status this worker wrote last, so an informer lagging behind does not cause a rewrite.</summary>
    public V1PodStatus? WrittenStatus { get; set; }

    public string? WrittenStatusJson { get; set; }
}
