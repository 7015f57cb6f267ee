namespace Skiff.Scheduler.Config;

/// <summary><c>profiles[]</c> of a KubeSchedulerConfiguration.</summary>
public sealed class KubeSchedulerProfile
{
    public string? SchedulerName { get; set; }

    public int? PercentageOfNodesToScore { get; set; }

    public PluginsConfig? Plugins { get; set; }

    public List<PluginConfigEntry> PluginConfig { get; set; } = [];
}
