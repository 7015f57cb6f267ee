namespace Skiff.Scheduler.Framework;

/// <summary>Why a pod fit nowhere: each rejected node's status, and the messages of PreFilter and PostFilter.</summary>
public sealed class Diagnosis
{
    public Dictionary<string, Status> NodeToStatus { get; } = new(StringComparer.Ordinal);

    /// <summary>Plugins that rejected the pod somewhere (the queue moves it back on events they care about).</summary>
    public HashSet<string> UnschedulablePlugins { get; } = new(StringComparer.Ordinal);

    public string? PreFilterMessage { get; set; }

    public string? PostFilterMessage { get; set; }
}
