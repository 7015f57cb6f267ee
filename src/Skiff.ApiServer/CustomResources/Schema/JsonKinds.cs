using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.CustomResources.Schema;

/// <summary>The OpenAPI type names of JSON values, as upstream's validator reports them.</summary>
internal static class JsonKinds
{
    public static string TypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = string.Empty;
        return false;
    }

    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        return false;
    }

    /// <summary>Upstream accepts 2.0 where an integer is expected: a float with no fraction is a JSON integer.</summary>
    public static bool IsInteger(JsonNode? node) =>
        TryGetNumber(node, out var d) && Math.Floor(d) == d && !double.IsInfinity(d);

    public static bool IsNull(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    /// <summary>The enum value as upstream lists it in "supported values": strings bare, everything else as JSON.</summary>
    public static string EnumText(JsonNode? node) =>
        TryGetString(node, out var s) ? s : node?.ToJsonString() ?? "null";
}
