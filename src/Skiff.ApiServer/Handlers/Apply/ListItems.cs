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
    /// Pairs the items of two versions of a short map list by key, without making their path elements: for each item
    /// of <paramref name="now"/> the index of its item in <paramref name="old"/>, or -1. Null when a list is long or
    /// repeats a key, which matching by path elements handles as it always has.
    /// </summary>
    public static int[]? MatchByKey(ApplyShape list, JsonArray old, JsonArray now)
    {
        // Pairing compares every item with every other; past a few items matching by path elements is cheaper.
        const int MaxItems = 16;
        if (list.ListType != ListType.Map || old.Count > MaxItems || now.Count > MaxItems || RepeatsKey(list, old) || RepeatsKey(list, now))
        {
            return null;
        }

        var match = new int[now.Count];
        for (var i = 0; i < now.Count; i++)
        {
            // Items mostly keep their places (a status's conditions), so the same place is tried first.
            match[i] = i < old.Count && SameKey(list, old[i], now[i]) ? i : -1;
            for (var j = 0; j < old.Count && match[i] < 0; j++)
            {
                if (SameKey(list, old[j], now[i]))
                {
                    match[i] = j;
                }
            }
        }

        return match;
    }

    private static bool RepeatsKey(ApplyShape list, JsonArray items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (SameKey(list, items[j], items[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether two items have equal path elements (<see cref="Element"/>), without making them.</summary>
    private static bool SameKey(ApplyShape list, JsonNode? left, JsonNode? right)
    {
        foreach (var key in list.Keys)
        {
            var hasLeft = KeyValue(left, key, out var l);
            var hasRight = KeyValue(right, key, out var r);
            if (hasLeft != hasRight || (hasLeft && !KeyEquals(l, r)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether two key values are equal in upstream's order; unequal strings are told apart without reading them
    /// (which copies a string out of a value read from storage).
    /// </summary>
    private static bool KeyEquals(JsonNode? left, JsonNode? right) =>
        JsonNode.DeepEquals(left, right) || (left?.GetValueKind() != System.Text.Json.JsonValueKind.String && JsonValueOrder.Compare(left, right) == 0);

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
