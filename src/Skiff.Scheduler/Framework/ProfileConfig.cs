using System.Text.Json;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// One resolved profile: which plugins run where, their score weights and args. <see cref="MultiPoint"/> plugins join
/// every extension point they implement, after the ones enabled at that point explicitly, unless disabled there.
/// </summary>
public sealed class ProfileConfig
{
    public string SchedulerName { get; set; } = "default-scheduler";

    public List<PluginRef> MultiPoint { get; } = [];

    public Dictionary<ExtensionPoint, List<PluginRef>> Enabled { get; } = [];

    /// <summary>Names (or "*") switched off per extension point.</summary>
    public Dictionary<ExtensionPoint, HashSet<string>> Disabled { get; } = [];

    public Dictionary<string, JsonElement> PluginArgs { get; } = new(StringComparer.Ordinal);

    /// <summary>Names from upstream's default set: skipped quietly when this build has no such plugin.</summary>
    public HashSet<string> Optional { get; } = new(StringComparer.Ordinal);

    /// <summary>0 means the adaptive default.</summary>
    public int PercentageOfNodesToScore { get; set; }
}
