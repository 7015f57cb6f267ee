using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// Spells JSON values the way Go's <c>%v</c> and <c>reflect.TypeOf</c> spell decoded JSON, because upstream's patch
/// error messages quote values that way ("map[image:nginx name:web]", "expected a []interface {}, but received a
/// string").
/// </summary>
internal static class GoFormat
{
    public static string Value(JsonNode? node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    /// <summary>A list of values as <c>%v</c> prints a slice.</summary>
    public static string List(IEnumerable<JsonNode?> items) => "[" + string.Join(" ", items.Select(Value)) + "]";

    /// <summary>What <c>reflect.TypeOf</c> prints for the decoded value.</summary>
    public static string TypeName(JsonNode? node) => JsonValues.KindOf(node) switch
    {
        JsonValueKind.Object => "map[string]interface {}",
        JsonValueKind.Array => "[]interface {}",
        JsonValueKind.String => "string",
        JsonValueKind.Number => JsonValues.TryGetInteger(node, out _) ? "int64" : "float64",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "%!s(<nil>)",
    };

    private static void Append(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("<nil>");
                break;
            case JsonObject obj:
                builder.Append("map[");
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(' ');
                    }

                    first = false;
                    builder.Append(key).Append(':');
                    Append(builder, value);
                }

                builder.Append(']');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(' ');
                    }

                    Append(builder, array[i]);
                }

                builder.Append(']');
                break;
            default:
                builder.Append(Scalar(node));
                break;
        }
    }

    private static string Scalar(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number when JsonValues.TryGetInteger(node, out var integer) => integer.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => node.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
