using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Config;

/// <summary>Upstream's v1 default plugin set, all under multiPoint, in upstream's order, with its score weights.</summary>
public static class DefaultProfile
{
    public const string SchedulerName = "default-scheduler";

    public static IReadOnlyList<PluginRef> MultiPoint { get; } =
    [
        new("SchedulingGates"),
        new("PrioritySort"),
        new("NodeUnschedulable"),
        new("NodeName"),
        new("TaintToleration", 3),
        new("NodeAffinity", 2),
        new("NodePorts"),
        new("NodeResourcesFit", 1),
        new("VolumeRestrictions"),
        new("NodeVolumeLimits"),
        new("VolumeBinding"),
        new("VolumeZone"),
        new("PodTopologySpread", 2),
        new("InterPodAffinity", 2),
        new("DefaultPreemption"),
        new("NodeResourcesBalancedAllocation", 1),
        new("ImageLocality", 1),
        new("DefaultBinder"),
    ];

    /// <summary>The default profile as a scheduler with no configuration file runs it.</summary>
    public static ProfileConfig Create(string schedulerName = SchedulerName)
    {
        var config = new ProfileConfig { SchedulerName = schedulerName };
        config.MultiPoint.AddRange(MultiPoint);
        config.Optional.UnionWith(MultiPoint.Select(p => p.Name));
        return config;
    }
}
