using System.Globalization;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// The JSONPath subset CRD printer columns use: <c>.a.b</c>, <c>['a.b']</c>, <c>[0]</c>,
/// <c>[*]</c> and filters like <c>[?(@.type=="Ready")]</c>. Missing keys yield no result,
/// as upstream evaluates printer columns with missing keys allowed.
/// </summary>
internal sealed class SimpleJsonPath
{
    private readonly IReadOnlyList<JsonPathStep> _steps;

    private SimpleJsonPath(IReadOnlyList<JsonPathStep> steps) => _steps = steps;

    public static SimpleJsonPath Parse(string path)
    {
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1].Trim();
        }
        if (text.StartsWith('$'))
        {
            text = text[1..];
        }
        var steps = new List<JsonPathStep>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }
                var name = text[start..i];
                if (name.Length == 0)
                {
                    throw new FormatException($"empty field name in JSONPath {path}");
                }
                steps.Add(name == "*" ? new JsonPathStep(JsonPathStepKind.Wildcard) : new JsonPathStep(JsonPathStepKind.Field, name));
            }
            else if (text[i] == '[')
            {
                var end = FindClosingBracket(text, i);
                steps.Add(ParseBracket(text[(i + 1)..end].Trim(), path));
                i = end + 1;
            }
            else
            {
                throw new FormatException($"unexpected '{text[i]}' in JSONPath {path}");
            }
        }
        return new SimpleJsonPath(steps);
    }

    /// <summary>Every value the path selects, in document order.</summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root)
    {
        IReadOnlyList<JsonNode?> current = [root];
        foreach (var step in _steps)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                step.Apply(node, next);
            }
            current = next;
        }
        return current;
    }

    private static int FindClosingBracket(string text, int open)
    {
        char? quote = null;
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && --depth == 0)
            {
                return i;
            }
        }
        throw new FormatException($"unterminated '[' in JSONPath {text}");
    }

    private static JsonPathStep ParseBracket(string inner, string path)
    {
        if (inner == "*")
        {
            return new JsonPathStep(JsonPathStepKind.Wildcard);
        }
        if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
        {
            return new JsonPathStep(JsonPathStepKind.Field, inner[1..^1]);
        }
        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return new JsonPathStep(JsonPathStepKind.Index, Index: index);
        }
        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            return new JsonPathStep(JsonPathStepKind.Filter, Filter: JsonPathFilter.Parse(inner[2..^1].Trim(), path));
        }
        throw new FormatException($"unsupported JSONPath selector [{inner}] in {path}");
    }
}
