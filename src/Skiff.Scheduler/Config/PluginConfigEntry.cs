using System.Text.Json;

namespace Skiff.Scheduler.Config;

/// <summary><c>profiles[].pluginConfig[]</c>: a plugin's args, kept as JSON for the plugin to read.</summary>
public sealed class PluginConfigEntry
{
    public string Name { get; set; } = string.Empty;

    public JsonElement? Args { get; set; }
}
