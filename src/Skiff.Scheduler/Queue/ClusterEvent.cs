namespace Skiff.Scheduler.Queue;

/// <summary>
/// A change that may make unschedulable pods fit. A pod rejected only by plugins outside
/// <see cref="InterestedPlugins"/> stays where it is (upstream's EventsToRegister, as a fixed table).
/// </summary>
public sealed record ClusterEvent(string Label, IReadOnlySet<string>? InterestedPlugins)
{
    private static readonly string[] s_nodePlugins =
    [
        "NodeResourcesFit", "NodeAffinity", "NodeName", "NodePorts", "NodeUnschedulable", "TaintToleration",
        "PodTopologySpread", "InterPodAffinity", "VolumeBinding", "VolumeZone", "NodeVolumeLimits", "ImageLocality",
        "NodeResourcesBalancedAllocation", "DefaultPreemption",
    ];

    /// <summary>Anything could have changed (the periodic flush, a relist).</summary>
    public static ClusterEvent Unknown { get; } = new("Unknown", null);

    public static ClusterEvent NodeAdd { get; } = new("NodeAdd", Set(s_nodePlugins));

    public static ClusterEvent NodeUpdate { get; } = new("NodeUpdate", Set(s_nodePlugins));

    /// <summary>A bound pod went away: room, ports, anti-affinity or spread may have freed up.</summary>
    public static ClusterEvent AssignedPodDelete { get; } = new(
        "AssignedPodDelete",
        Set(["NodeResourcesFit", "NodePorts", "InterPodAffinity", "PodTopologySpread", "VolumeRestrictions", "DefaultPreemption", "NodeVolumeLimits"]));

    /// <summary>A pod landed on a node: pod affinity or topology spread may now be satisfied.</summary>
    public static ClusterEvent AssignedPodAdd { get; } = new("AssignedPodAdd", Set(["InterPodAffinity", "PodTopologySpread"]));

    public static ClusterEvent AssignedPodUpdate { get; } = new("AssignedPodUpdate", Set(["InterPodAffinity", "PodTopologySpread", "NodeResourcesFit"]));

    public bool Concerns(IReadOnlySet<string> unschedulablePlugins) =>
        InterestedPlugins is null || unschedulablePlugins.Count == 0 || unschedulablePlugins.Overlaps(InterestedPlugins);

    private static HashSet<string> Set(IEnumerable<string> names) => new(names, StringComparer.Ordinal);
}
