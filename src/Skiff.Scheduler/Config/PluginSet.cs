namespace Skiff.Scheduler.Config;

/// <summary>One extension point's <c>enabled</c> and <c>disabled</c> lists.</summary>
public sealed class PluginSet
{
    public List<PluginEntry> Enabled { get; set; } = [];

    public List<PluginEntry> Disabled { get; set; } = [];
}
