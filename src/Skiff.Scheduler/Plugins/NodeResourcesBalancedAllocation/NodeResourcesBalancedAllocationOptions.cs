using System.Text.Json;
using Skiff.Scheduler.Plugins.NodeResourcesFit;

namespace Skiff.Scheduler.Plugins.NodeResourcesBalancedAllocation;

/// <summary>NodeResourcesBalancedAllocationArgs: the resources whose usage should stay even (cpu and memory by default).</summary>
internal sealed record NodeResourcesBalancedAllocationOptions
{
    public IReadOnlyList<ResourceSpec> Resources { get; init; } = ResourceSpec.Defaults;

    public static NodeResourcesBalancedAllocationOptions FromArgs(JsonElement? args) =>
        new() { Resources = ResourceSpec.ListFrom(args, "resources") ?? ResourceSpec.Defaults };
}
