using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>Kinds, equality and copies of JSON values as the patch engines need them.</summary>
internal static class JsonValues
{
    public static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>True and false are distinct kinds in System.Text.Json but one type (bool) upstream.</summary>
    public static bool SameKind(JsonNode? a, JsonNode? b) => Normalize(KindOf(a)) == Normalize(KindOf(b));

    /// <summary>
    /// Equality of scalars the way upstream compares decoded Go values: numbers by value, strings ordinally;
    /// objects and arrays by structure.
    /// </summary>
    public static bool ScalarEquals(JsonNode? a, JsonNode? b)
    {
        var kind = KindOf(a);
        if (!SameKind(a, b))
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Null => true,
            JsonValueKind.String => string.Equals(a!.GetValue<string>(), b!.GetValue<string>(), StringComparison.Ordinal),
            JsonValueKind.Number => NumberEquals(a!, b!),
            JsonValueKind.True or JsonValueKind.False => KindOf(a) == KindOf(b),
            _ => JsonNode.DeepEquals(a, b),
        };
    }

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool NumberEquals(JsonNode a, JsonNode b)
    {
        var left = a.ToJsonString();
        var right = b.ToJsonString();
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return true;
        }

        if (decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var l)
            && decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var r))
        {
            return l == r;
        }

        return a.GetValue<double>() == b.GetValue<double>();
    }

    private static JsonValueKind Normalize(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;
}
