using System.Text.Json.Nodes;
using Skiff.Api.Schema;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>How the items of a granular list are addressed: by their key fields (map lists) or by value (sets).</summary>
internal static class ListItems
{
    /// <summary>The path element of one item of a set or map list.</summary>
    public static PathElement Element(ApplyShape list, JsonNode? item)
    {
        if (list.ListType == ListType.Set)
        {
            return PathElement.ValueOf(item);
        }

        var fields = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var key in list.Keys)
        {
            if (item is JsonObject obj && obj.TryGetPropertyValue(key, out var value))
            {
                fields.Add(KeyValuePair.Create(key, value));
            }
            else if (key == "protocol")
            {
                // Port lists key on (port, protocol) and upstream fills the protocol's default when keying an item.
                fields.Add(KeyValuePair.Create<string, JsonNode?>(key, JsonValue.Create("TCP")));
            }
        }

        return PathElement.Key(fields);
    }

    public static bool IsGranular(ApplyShape shape) =>
        shape.Kind == ShapeKind.List && shape.ListType is ListType.Set or ListType.Map;
}
