using System.Text.Json.Nodes;
using Skiff.Api.Schema;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>How the items of a granular list are addressed: by their key fields (map lists) or by value (sets).</summary>
internal static class ListItems
{
    private static readonly JsonValue s_tcp = JsonValue.Create("TCP");

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

    /// <summary>
    /// Whether two versions of a map list hold items of the same keys in the same order, each key once: then item
    /// i of one is item i of the other, with no path element made to match them.
    /// </summary>
    public static bool SameKeysInOrder(ApplyShape list, JsonArray old, JsonArray now)
    {
        // Beyond a few items the check for repeated keys below costs more than matching items by their elements.
        const int MaxItems = 16;
        if (list.ListType != ListType.Map || old.Count != now.Count || now.Count > MaxItems)
        {
            return false;
        }

        for (var i = 0; i < now.Count; i++)
        {
            if (!SameKey(list, old[i], now[i]))
            {
                return false;
            }

            for (var j = 0; j < i; j++)
            {
                if (SameKey(list, now[j], now[i]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether two items have equal path elements (<see cref="Element"/>), without making them.</summary>
    private static bool SameKey(ApplyShape list, JsonNode? left, JsonNode? right)
    {
        foreach (var key in list.Keys)
        {
            var hasLeft = KeyValue(left, key, out var l);
            var hasRight = KeyValue(right, key, out var r);
            if (hasLeft != hasRight || (hasLeft && JsonValueOrder.Compare(l, r) != 0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool KeyValue(JsonNode? item, string key, out JsonNode? value)
    {
        if (item is JsonObject obj && obj.TryGetPropertyValue(key, out value))
        {
            return true;
        }

        value = key == "protocol" ? s_tcp : null;
        return key == "protocol";
    }

    public static bool IsGranular(ApplyShape shape) =>
        shape.Kind == ShapeKind.List && shape.ListType is ListType.Set or ListType.Map;
}
