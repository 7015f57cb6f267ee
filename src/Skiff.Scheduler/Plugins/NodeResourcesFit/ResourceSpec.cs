namespace Skiff.Scheduler.Plugins.NodeResourcesFit;

/// <summary>A resource a scoring strategy looks at ("cpu", "memory", "example.com/gpu") and its weight.</summary>
internal sealed record ResourceSpec(string Name, long Weight)
{
    /// <summary>Upstream's default for every resource-based score: cpu and memory, weight 1 each.</summary>
    public static IReadOnlyList<ResourceSpec> Defaults { get; } = [new("cpu", 1), new("memory", 1)];
}
