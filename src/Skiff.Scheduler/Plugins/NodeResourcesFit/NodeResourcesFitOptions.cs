using System.Text.Json;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.NodeResourcesFit;

/// <summary>
/// NodeResourcesFitArgs. Ignored resources and resource groups ("example.com") only ever skip extended resources.
/// <see cref="Shape"/> is RequestedToCapacityRatio's curve; its default packs nodes (score grows with utilization).
/// </summary>
internal sealed record NodeResourcesFitOptions
{
    public IReadOnlyList<string> IgnoredResources { get; init; } = [];

    public IReadOnlyList<string> IgnoredResourceGroups { get; init; } = [];

    public ScoringStrategyType ScoringStrategy { get; init; } = ScoringStrategyType.LeastAllocated;

    public IReadOnlyList<ResourceSpec> Resources { get; init; } = ResourceSpec.Defaults;

    public IReadOnlyList<UtilizationShapePoint> Shape { get; init; } = [new(0, 0), new(100, 10)];

    /// <summary>NodeResourcesFitArgs as JSON: ignoredResources, ignoredResourceGroups, scoringStrategy.</summary>
    public static NodeResourcesFitOptions FromArgs(JsonElement? args)
    {
        var options = new NodeResourcesFitOptions();
        var strategy = args.Field("scoringStrategy");
        var shape = strategy.Field("requestedToCapacityRatio").Field("shape");
        return options with
        {
            IgnoredResources = args.Strings("ignoredResources") ?? options.IgnoredResources,
            IgnoredResourceGroups = args.Strings("ignoredResourceGroups") ?? options.IgnoredResourceGroups,
            ScoringStrategy = strategy.String("type") is { } type && Enum.TryParse<ScoringStrategyType>(type, out var parsed) ? parsed : options.ScoringStrategy,
            Resources = ResourceSpec.ListFrom(strategy, "resources") ?? options.Resources,
            Shape = shape is { ValueKind: JsonValueKind.Array } points
                ? [.. points.EnumerateArray().Select(p => new UtilizationShapePoint(((JsonElement?)p).Int("utilization") ?? 0, ((JsonElement?)p).Int("score") ?? 0))]
                : options.Shape,
        };
    }
}
