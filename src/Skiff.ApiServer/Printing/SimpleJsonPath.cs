using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// The JSONPath subset CRD printer columns use: <c>.a.b</c>, <c>['a.b']</c>, <c>[0]</c>,
/// <c>[*]</c> and filters like <c>[?(@.type=="Ready")]</c>. Missing keys yield no result,
/// as upstream evaluates printer columns with missing keys allowed.
/// </summary>
internal sealed class SimpleJsonPath
{
    private readonly IReadOnlyList<Step> _steps;

    private SimpleJsonPath(IReadOnlyList<Step> steps) => _steps = steps;

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
        var steps = new List<Step>();
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
                steps.Add(name == "*" ? new Step(StepKind.Wildcard) : new Step(StepKind.Field, name));
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

    private static Step ParseBracket(string inner, string path)
    {
        if (inner == "*")
        {
            return new Step(StepKind.Wildcard);
        }
        if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
        {
            return new Step(StepKind.Field, inner[1..^1]);
        }
        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return new Step(StepKind.Index, Index: index);
        }
        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            return new Step(StepKind.Filter, Filter: Filter.Parse(inner[2..^1].Trim(), path));
        }
        throw new FormatException($"unsupported JSONPath selector [{inner}] in {path}");
    }

    /// <summary>A value as Go's fmt prints what JSONPath found: maps as map[k:v], lists as [a b].</summary>
    public static string ToText(JsonNode? node)
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

    private enum StepKind
    {
        Field,
        Index,
        Wildcard,
        Filter,
    }

    private sealed record Step(StepKind Kind, string Name = "", int Index = 0, Filter? Filter = null)
    {
        public void Apply(JsonNode? node, List<JsonNode?> results)
        {
            switch (Kind)
            {
                case StepKind.Field:
                    if (node is JsonObject obj && obj.TryGetPropertyValue(Name, out var child))
                    {
                        results.Add(child);
                    }
                    break;
                case StepKind.Index:
                    if (node is JsonArray array)
                    {
                        var i = Index < 0 ? array.Count + Index : Index;
                        if (i >= 0 && i < array.Count)
                        {
                            results.Add(array[i]);
                        }
                    }
                    break;
                case StepKind.Wildcard:
                    if (node is JsonArray items)
                    {
                        results.AddRange(items);
                    }
                    else if (node is JsonObject fields)
                    {
                        results.AddRange(fields.Select(p => p.Value));
                    }
                    break;
                case StepKind.Filter:
                    if (node is JsonArray candidates)
                    {
                        results.AddRange(candidates.Where(c => Filter!.Matches(c)));
                    }
                    break;
            }
        }
    }

    private sealed record Filter(SimpleJsonPath Left, string? Operator, JsonNode? Right)
    {
        public static Filter Parse(string expression, string path)
        {
            foreach (var op in new[] { "==", "!=" })
            {
                var at = expression.IndexOf(op, StringComparison.Ordinal);
                if (at > 0)
                {
                    return new Filter(Relative(expression[..at].Trim(), path), op, Literal(expression[(at + 2)..].Trim(), path));
                }
            }
            return new Filter(Relative(expression, path), null, null);
        }

        public bool Matches(JsonNode? candidate)
        {
            var found = Left.Evaluate(candidate);
            if (Operator is null)
            {
                return found.Count > 0;
            }
            var equal = found.Count > 0 && JsonNode.DeepEquals(found[0], Right);
            return Operator == "==" ? equal : found.Count > 0 && !equal;
        }

        private static SimpleJsonPath Relative(string text, string path) =>
            text.StartsWith('@')
                ? SimpleJsonPath.Parse(text[1..])
                : throw new FormatException($"filter must start with @ in JSONPath {path}");

        private static JsonNode? Literal(string text, string path)
        {
            if (text.Length >= 2 && text[0] is '\'' or '"' && text[^1] == text[0])
            {
                return JsonValue.Create(text[1..^1]);
            }
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw new FormatException($"unsupported literal {text} in JSONPath {path}");
            }
        }
    }
}
