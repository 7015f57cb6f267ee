using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Admission;

/// <summary>
/// Reads and default-writes over the user's JSON. Defaults land only where a field is absent, so a value the
/// user spelled (a string "1", a null) is never re-spelled.
/// </summary>
internal static class JsonFields
{
    public static JsonObject? Obj(JsonNode? node, string key) => (node as JsonObject)?[key] as JsonObject;

    public static JsonArray? Arr(JsonNode? node, string key) => (node as JsonObject)?[key] as JsonArray;

    public static IEnumerable<JsonObject> Items(JsonNode? node, string key) =>
        Arr(node, key)?.OfType<JsonObject>() ?? [];

    public static string Str(JsonNode? node, string key) =>
        (node as JsonObject)?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public static long? Long(JsonNode? node, string key) => AsLong((node as JsonObject)?[key]);

    /// <summary>
    /// A whole number, whether the node was parsed (any numeric width) or built in code from an int, a long or
    /// a double; null for anything else.
    /// </summary>
    public static long? AsLong(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        return v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : null;
    }

    public static bool? Bool(JsonNode? node, string key) =>
        (node as JsonObject)?[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>Whether the key holds a non-null value; a JSON null counts as absent, as Go decodes it to nil.</summary>
    public static bool Has(JsonObject obj, string key) => obj[key] is not null;

    public static void Fill(JsonObject obj, string key, JsonNode value)
    {
        if (obj[key] is null)
        {
            obj[key] = value;
        }
    }

    public static void FillString(JsonObject obj, string key, string value)
    {
        // Go's omitempty string fields treat "" as unset, so defaulting fills those too.
        if (obj[key] is null || Str(obj, key).Length == 0 && obj[key] is JsonValue v && v.TryGetValue<string>(out _))
        {
            obj[key] = value;
        }
    }

    /// <summary>The object under <paramref name="key"/>, created empty when absent.</summary>
    public static JsonObject Ensure(JsonObject obj, string key)
    {
        if (obj[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        obj[key] = created;
        return created;
    }

    public static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
        {
            foreach (var (k, v) in o)
            {
                map[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : string.Empty;
            }
        }

        return map;
    }
}
