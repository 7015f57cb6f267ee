using System.Text;
using System.Text.Json.Nodes;
using Skiff.Api.Yaml;
using Skiff.ApiServer.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Skiff.ApiServer.Http;

/// <summary>
/// YAML to and from JSON, following the YAML 1.2 core-schema rules that sigs.k8s.io/yaml applies: plain
/// scalars that look like numbers, booleans or null become those; quoted ones stay strings.
/// </summary>
public static class YamlJson
{
    private const int MaxNodes = 1_000_000;

    public static JsonObject ToJsonObject(byte[] yaml)
    {
        try
        {
            var node = YamlToJson.Convert(Encoding.UTF8.GetString(yaml), MaxNodes) ?? throw ApiErrors.BadRequest("the body of the request is empty");
            return node as JsonObject ?? throw ApiErrors.BadRequest("the body of the request must be an object");
        }
        catch (Exception e) when (e is YamlException or InvalidDataException or InvalidOperationException or InvalidCastException)
        {
            throw ApiErrors.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }

    public static string FromJson(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0, inSequence: false);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int indent, bool inSequence)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!(first && inSequence))
                    {
                        sb.Append(pad);
                    }

                    first = false;
                    sb.Append(Quote(key)).Append(':');
                    WriteChild(sb, value, indent);
                }

                break;
            case JsonArray arr when arr.Count > 0:
                var firstItem = true;
                foreach (var item in arr)
                {
                    if (!(firstItem && inSequence))
                    {
                        sb.Append(pad);
                    }

                    firstItem = false;
                    sb.Append("- ");
                    if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
                    {
                        Write(sb, item, indent + 2, inSequence: true);
                    }
                    else
                    {
                        sb.Append(ScalarText(item)).Append('\n');
                    }
                }

                break;
            default:
                sb.Append(pad).Append(ScalarText(node)).Append('\n');
                break;
        }
    }

    private static void WriteChild(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 }:
                sb.Append('\n');
                Write(sb, value, indent + 2, inSequence: false);
                break;
            case JsonArray { Count: > 0 }:
                sb.Append('\n');
                Write(sb, value, indent, inSequence: false);
                break;
            default:
                sb.Append(' ').Append(ScalarText(value)).Append('\n');
                break;
        }
    }

    private static string ScalarText(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.TryGetValue<string>(out var s) => Quote(s),
        _ => node.ToJsonString(),
    };

    private static string Quote(string s)
    {
        if (s.Length == 0 || NeedsQuotes(s))
        {
            return System.Text.Json.JsonSerializer.Serialize(s);
        }

        return s;
    }

    private static bool NeedsQuotes(string s)
    {
        if (YamlToJson.Scalar(new YamlScalarNode(s)) is not JsonValue v || !v.TryGetValue<string>(out _))
        {
            return true;
        }

        if (s.Trim() != s || ":#{}[],&*!|>'\"%@`-?".Contains(s[0], StringComparison.Ordinal))
        {
            return true;
        }

        return s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':')
            || s.Any(char.IsControl);
    }
}
