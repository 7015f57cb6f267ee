using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Config;

/// <summary>A configuration resolved against upstream's defaults: what the scheduler runs with.</summary>
public sealed class SchedulerSettings
{
    public required IReadOnlyList<ProfileConfig> Profiles { get; init; }

    /// <summary>0 means adaptive.</summary>
    public int PercentageOfNodesToScore { get; init; }

    public TimeSpan PodInitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan PodMaxBackoff { get; init; } = TimeSpan.FromSeconds(10);
}
