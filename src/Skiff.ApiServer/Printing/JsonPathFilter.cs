using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>A <c>[?(@.path==literal)]</c>, <c>!=</c> or existence filter over array elements.</summary>
internal sealed record JsonPathFilter(SimpleJsonPath Left, string? Operator, JsonNode? Right)
{
    public static JsonPathFilter Parse(string expression, string path)
    {
        foreach (var op in new[] { "==", "!=" })
        {
            var at = expression.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return new JsonPathFilter(Relative(expression[..at].Trim(), path), op, Literal(expression[(at + 2)..].Trim(), path));
            }
        }
        return new JsonPathFilter(Relative(expression, path), null, null);
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
