using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// Upstream's total order of JSON values (structured-merge-diff's <c>value.Compare</c>): numbers, then strings,
/// then booleans, then lists, then maps, then null; numbers by value, strings ordinally, lists and maps item by item.
/// </summary>
internal static class JsonValueOrder
{
    public static int Compare(JsonNode? left, JsonNode? right)
    {
        var byRank = Rank(left).CompareTo(Rank(right));
        if (byRank != 0)
        {
            return byRank;
        }

        return left switch
        {
            null => 0,
            JsonArray list => CompareLists(list, (JsonArray)right!),
            JsonObject map => CompareMaps(map, (JsonObject)right!),
            _ => CompareScalars(left, right!),
        };
    }

    private static int Rank(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => 0,
        JsonValueKind.String => 1,
        JsonValueKind.True or JsonValueKind.False => 2,
        JsonValueKind.Array => 3,
        JsonValueKind.Object => 4,
        _ => 5,
    };

    private static int CompareScalars(JsonNode left, JsonNode right)
    {
        // Equal scalars are by far the common case (list keys matched against themselves), and deciding that
        // needs neither their strings nor their numbers' text.
        if (JsonNode.DeepEquals(left, right))
        {
            return 0;
        }

        return left.GetValueKind() switch
        {
            JsonValueKind.Number => ToDouble(left).CompareTo(ToDouble(right)),
            JsonValueKind.String => string.CompareOrdinal(left.GetValue<string>(), right.GetValue<string>()),
            _ => (left.GetValueKind() == JsonValueKind.True).CompareTo(right.GetValueKind() == JsonValueKind.True),
        };
    }

    private static double ToDouble(JsonNode number) =>
        number is JsonValue value && value.TryGetValue<double>(out var d)
            ? d
            : double.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int CompareLists(JsonArray left, JsonArray right)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var c = Compare(left[i], right[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    private static int CompareMaps(JsonObject left, JsonObject right)
    {
        var l = left.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var r = right.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < Math.Min(l.Count, r.Count); i++)
        {
            var byName = string.CompareOrdinal(l[i].Key, r[i].Key);
            if (byName != 0)
            {
                return byName;
            }

            var byValue = Compare(l[i].Value, r[i].Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return l.Count.CompareTo(r.Count);
    }
}
