using System.Text.Json;
using k8s.Models;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// PodTopologySpreadArgs: constraints for pods that declare none. With <see cref="SpreadDefaulting.System"/> those are
/// upstream's (zone maxSkew 5, hostname maxSkew 3, both ScheduleAnyway) over the pod's Services and controller.
/// </summary>
internal sealed record PodTopologySpreadOptions
{
    public SpreadDefaulting DefaultingType { get; init; } = SpreadDefaulting.System;

    /// <summary>Used when <see cref="DefaultingType"/> is List; their labelSelector is ignored, as upstream does.</summary>
    public IReadOnlyList<V1TopologySpreadConstraint> DefaultConstraints { get; init; } = [];

    public static IReadOnlyList<V1TopologySpreadConstraint> SystemDefaultConstraints { get; } =
    [
        new() { TopologyKey = "topology.kubernetes.io/zone", WhenUnsatisfiable = "ScheduleAnyway", MaxSkew = 5 },
        new() { TopologyKey = "kubernetes.io/hostname", WhenUnsatisfiable = "ScheduleAnyway", MaxSkew = 3 },
    ];

    /// <summary>PodTopologySpreadArgs as JSON: defaultConstraints and defaultingType.</summary>
    public static PodTopologySpreadOptions FromArgs(JsonElement? args) => new()
    {
        DefaultingType = args.String("defaultingType") == "List" ? SpreadDefaulting.List : SpreadDefaulting.System,
        DefaultConstraints = args.Model<List<V1TopologySpreadConstraint>>("defaultConstraints") ?? [],
    };
}
