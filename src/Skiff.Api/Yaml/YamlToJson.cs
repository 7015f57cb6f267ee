using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Skiff.Api.Yaml;

/// <summary>
/// YAML to JSON with core-schema typing of plain scalars (null, booleans, numbers), as upstream's YAML decoding gives:
/// request bodies, apply configurations and configuration files all read the same way.
/// </summary>
public static class YamlToJson
{
    /// <summary>The first document of <paramref name="yaml"/>, or null when there is none.</summary>
    /// <exception cref="YamlException">The text is not YAML.</exception>
    /// <exception cref="InvalidDataException">A key is not a string, or aliases expand it past <paramref name="maxNodes"/>.</exception>
    public static JsonNode? Convert(string yaml, int maxNodes = 1_000_000)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0)
        {
            return null;
        }

        var budget = maxNodes;
        return ToNode(stream.Documents[0].RootNode, ref budget);
    }

    /// <summary>How a scalar reads: quoted and block scalars are strings, plain ones may be null, a boolean or a number.</summary>
    public static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (LooksNumeric(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(value);
    }

    private static JsonNode? ToNode(YamlNode node, ref int budget)
    {
        // Aliases can make a small document expand without bound ("billion laughs"); cap the expansion.
        if (--budget < 0)
        {
            throw new InvalidDataException("the document expands to too many nodes");
        }

        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    var key = (k as YamlScalarNode)?.Value ?? throw new InvalidDataException("only string keys are supported");
                    obj[key] = ToNode(v, ref budget);
                }

                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                foreach (var item in seq.Children)
                {
                    arr.Add(ToNode(item, ref budget));
                }

                return arr;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static bool LooksNumeric(string s) =>
        s.Length > 0 && (char.IsDigit(s[0]) || ((s[0] == '-' || s[0] == '+' || s[0] == '.') && s.Length > 1 && (char.IsDigit(s[1]) || s[1] == '.')));
}
