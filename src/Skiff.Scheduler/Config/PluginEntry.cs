namespace Skiff.Scheduler.Config;

/// <summary><c>{name, weight}</c> in a plugin set.</summary>
public sealed class PluginEntry
{
    public string Name { get; set; } = string.Empty;

    public int? Weight { get; set; }
}
