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
}
