using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// Lenient reads from stored JSON: a missing or mistyped field reads as Go's zero value,
/// which is what upstream's printers see after decoding into typed structs.
/// </summary>
internal static class JsonRead
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(key, out node))
            {
                return null;
            }
        }
        return node;
    }

    public static string Str(this JsonNode? node, params string[] path) => OptStr(node, path) ?? "";

    public static string? OptStr(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long Long(this JsonNode? node, params string[] path) => OptLong(node, path) ?? 0;

    public static long? OptLong(this JsonNode? node, params string[] path)
    {
        if (node.At(path) is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }
        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }
        return v.TryGetValue<double>(out var d) ? (long)d : null;
    }

    public static bool Bool(this JsonNode? node, params string[] path) => OptBool(node, path) ?? false;

    public static bool? OptBool(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValue<bool>()
            : null;

    public static JsonObject? Obj(this JsonNode? node, params string[] path) => node.At(path) as JsonObject;

    public static IList<JsonNode?> Arr(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonArray a ? a : Array.Empty<JsonNode?>();

    public static IEnumerable<JsonObject> Objects(this JsonNode? node, params string[] path) =>
        node.Arr(path).OfType<JsonObject>();

    public static bool Has(this JsonNode? node, params string[] path) =>
        node.At(path) is not null;

    /// <summary>An RFC 3339 timestamp field, or null when absent or unparsable.</summary>
    public static DateTimeOffset? Time(this JsonNode? node, params string[] path) =>
        ParseTime(node.OptStr(path));

    public static DateTimeOffset? ParseTime(string? text) =>
        !string.IsNullOrEmpty(text) &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;

    /// <summary>
    /// An int-or-string field as Go's IntOrString.String() prints it, or null when absent.
    /// </summary>
    public static string? IntOrString(this JsonNode? node, params string[] path) =>
        node.At(path) switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        };

    /// <summary>A quantity as stored; upstream prints the canonical form, which stored values usually already are.</summary>
    public static string Quantity(this JsonNode? node, params string[] path) =>
        node.IntOrString(path) ?? "0";
}
