namespace Skiff.Kubelet.Logs;

/// <summary>
/// When a container's log is rotated and how many files of it are kept, with upstream kubelet's defaults
/// (<c>containerLogMaxSize</c> 10Mi, <c>containerLogMaxFiles</c> 5, <c>containerLogMonitorInterval</c> 10 s).
/// </summary>
public sealed record ContainerLogPolicy
{
    public const long DefaultMaxSize = 10 * 1024 * 1024;

    public const int DefaultMaxFiles = 5;

    /// <summary>A live log this large or larger is rotated at the next check.</summary>
    public long MaxSize { get; init; } = DefaultMaxSize;

    /// <summary>Files kept per container, the live one included; upstream refuses fewer than two.</summary>
    public int MaxFiles { get; init; } = DefaultMaxFiles;

    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The reason the policy is unusable, in upstream's words, or null.</summary>
    public string? Validate() =>
        MaxFiles < 2 ? $"invalid configuration: containerLogMaxFiles (--container-log-max-files) {MaxFiles} must be greater than 1"
        : MaxSize <= 0 ? $"invalid configuration: containerLogMaxSize (--container-log-max-size) {MaxSize} must be positive"
        : MonitorInterval <= TimeSpan.Zero ? "invalid configuration: containerLogMonitorInterval must be positive"
        : null;
}
