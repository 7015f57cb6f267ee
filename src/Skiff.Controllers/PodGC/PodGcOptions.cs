namespace Skiff.Controllers.PodGC;

/// <summary>Upstream's pod GC settings and defaults.</summary>
public sealed class PodGcOptions
{
    /// <summary>Terminated pods kept before the oldest are deleted; 0 or less turns that sweep off (--terminated-pod-gc-threshold).</summary>
    public int TerminatedPodThreshold { get; set; } = 12_500;

    /// <summary>How long a node must be missing before its pods go, in case it is only late to appear in the cache.</summary>
    public TimeSpan Quarantine { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>The sweep runs at least this often, like upstream's gcCheckPeriod.</summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromSeconds(20);
}
