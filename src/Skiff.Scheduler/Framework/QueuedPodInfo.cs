namespace Skiff.Scheduler.Framework;

/// <summary>A pod waiting in the scheduling queue, with what backoff and ordering need.</summary>
public sealed class QueuedPodInfo(PodInfo pod, DateTimeOffset timestamp)
{
    public PodInfo Pod { get; set; } = pod;

    /// <summary>When the pod last entered the active queue (ordering ties).</summary>
    public DateTimeOffset Timestamp { get; set; } = timestamp;

    public DateTimeOffset InitialAttemptTimestamp { get; set; } = timestamp;

    public int Attempts { get; set; }

    /// <summary>Plugins that rejected the pod last time; only events they care about move it back.</summary>
    public HashSet<string> UnschedulablePlugins { get; } = new(StringComparer.Ordinal);
}
