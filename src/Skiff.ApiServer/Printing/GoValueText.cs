using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// JSON values as Go's fmt prints the decoded value, which is how upstream renders what a
/// printer column's JSONPath found.
/// </summary>
internal static class GoValueText
{
    /// <summary>A value as Go's fmt prints what JSONPath found: maps as map[k:v], lists as [a b].</summary>
    public static string Format(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case null:
                sb.Append("<nil>");
                break;
            case JsonObject obj:
                sb.Append("map[");
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(' ');
                    }
                    first = false;
                    sb.Append(key).Append(':');
                    Write(value, sb);
                }
                sb.Append(']');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(' ');
                    }
                    Write(array[i], sb);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                sb.Append(ScalarText(value));
                break;
        }
    }

    private static string ScalarText(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number when value.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => GoFloat(value.GetValue<double>()),
        _ => value.ToJsonString(),
    };

    // Close to Go's %v for float64; the two differ only in exponent thresholds for huge or tiny values.
    private static string GoFloat(double d) =>
        d.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
}
