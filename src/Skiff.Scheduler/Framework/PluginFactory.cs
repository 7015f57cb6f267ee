using System.Text.Json;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// Builds one plugin instance for one profile. <paramref name="args"/> is the plugin's <c>pluginConfig[].args</c>
/// converted to JSON (null when the configuration gives none), so a plugin deserializes its own args type.
/// </summary>
public delegate IPlugin PluginFactory(JsonElement? args, FrameworkHandle handle);
