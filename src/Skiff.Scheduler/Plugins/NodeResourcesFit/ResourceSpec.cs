using System.Text.Json;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.NodeResourcesFit;

/// <summary>A resource a scoring strategy looks at ("cpu", "memory", "example.com/gpu") and its weight.</summary>
internal sealed record ResourceSpec(string Name, long Weight)
{
    /// <summary>Upstream's default for every resource-based score: cpu and memory, weight 1 each.</summary>
    public static IReadOnlyList<ResourceSpec> Defaults { get; } = [new("cpu", 1), new("memory", 1)];

    /// <summary>A "resources" list of {name, weight}; a weight left out counts 1, as upstream defaults it.</summary>
    public static IReadOnlyList<ResourceSpec>? ListFrom(JsonElement? args, string field)
    {
        if (args.Field(field) is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var list = new List<ResourceSpec>();
        foreach (JsonElement? item in array.EnumerateArray())
        {
            list.Add(new ResourceSpec(item.String("name") ?? string.Empty, item.Int("weight") ?? 1));
        }

        return list;
    }
}
