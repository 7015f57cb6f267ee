using System.Text;

namespace Skiff.Api.Selectors;

/// <summary>
/// A parsed field selector: comma-separated "field=value", "field==value" or "field!=value"
/// terms, where a value may escape '\', ',' and '=' with a backslash.
/// </summary>
public sealed class FieldSelector
{
    private FieldSelector(IReadOnlyList<FieldRequirement> requirements)
    {
        Requirements = requirements;
    }

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool IsEverything => Requirements.Count == 0;

    /// <summary>Parses ?fieldSelector=...; throws <see cref="SelectorParseException"/> with upstream's message.</summary>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var requirements = new List<FieldRequirement>();
        // Upstream sorts the raw terms before reading them, so the order of requirements follows the text of each term.
        foreach (var term in SplitTerms(text).Order(StringComparer.Ordinal))
        {
            if (term.Length == 0)
            {
                continue;
            }

            if (!TrySplitTerm(term, out var field, out var op, out var rawValue))
            {
                throw new SelectorParseException($"invalid selector: '{text}'; can't understand '{term}'");
            }

            requirements.Add(new FieldRequirement(field, op, UnescapeValue(rawValue)));
        }

        return new FieldSelector(requirements);
    }

    public static bool TryParse(string? text, out FieldSelector selector, out string error)
    {
        try
        {
            selector = Parse(text);
            error = string.Empty;
            return true;
        }
        catch (SelectorParseException e)
        {
            selector = Everything;
            error = e.Message;
            return false;
        }
    }

    public static FieldSelector FromRequirements(IEnumerable<FieldRequirement> requirements) => new([.. requirements]);

    public bool Matches(IReadOnlyDictionary<string, string> fields) => Requirements.All(r => r.Matches(fields));

    /// <summary>
    /// The value the selector pins a field to with "=", if it does (spec.nodeName=node-1), so a
    /// watch cache can index instead of scanning.
    /// </summary>
    public bool RequiresExactMatch(string field, out string value)
    {
        foreach (var r in Requirements)
        {
            if (r.Field == field && r.Operator != SelectorOperator.NotEquals)
            {
                value = r.Value;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    public override string ToString() => string.Join(",", Requirements);

    public static string EscapeValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);

    /// <summary>Undoes <see cref="EscapeValue"/>; an unescaped ',' or '=' or an unknown escape is an error, as upstream.</summary>
    public static string UnescapeValue(string value)
    {
        if (value.IndexOfAny(['\\', ',', '=']) < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        var escaped = false;
        foreach (var c in value)
        {
            if (escaped)
            {
                if (c is not ('\\' or ',' or '='))
                {
                    throw new SelectorParseException($"invalid field selector: invalid escape sequence: \\{c}");
                }

                sb.Append(c);
                escaped = false;
                continue;
            }

            switch (c)
            {
                case '\\':
                    escaped = true;
                    break;
                case ',' or '=':
                    throw new SelectorParseException($"invalid field selector: unescaped character in value: {c}");
                default:
                    sb.Append(c);
                    break;
            }
        }

        if (escaped)
        {
            throw new SelectorParseException("invalid field selector: invalid escape sequence: \\");
        }

        return sb.ToString();
    }

    // Splits on commas that are not escaped; the escapes stay in the terms for UnescapeValue.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        var escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (text[i] == '\\')
            {
                escaped = true;
            }
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms;
    }

    // The field cannot be escaped, so the first operator found splits the term; "!=" and "==" are
    // tried before "=" at each position.
    private static bool TrySplitTerm(string term, out string field, out SelectorOperator op, out string value)
    {
        for (var i = 0; i < term.Length; i++)
        {
            var rest = term.AsSpan(i);
            if (rest.StartsWith("!="))
            {
                (field, op, value) = (term[..i], SelectorOperator.NotEquals, term[(i + 2)..]);
                return true;
            }

            if (rest.StartsWith("=="))
            {
                (field, op, value) = (term[..i], SelectorOperator.DoubleEquals, term[(i + 2)..]);
                return true;
            }

            if (rest[0] == '=')
            {
                (field, op, value) = (term[..i], SelectorOperator.Equals, term[(i + 1)..]);
                return true;
            }
        }

        (field, op, value) = (string.Empty, SelectorOperator.Equals, string.Empty);
        return false;
    }
}
