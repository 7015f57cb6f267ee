namespace Skiff.Api.Validation;

/// <summary>Formats a list of field errors the way upstream's aggregate error does in Status messages.</summary>
public static class FieldErrorList
{
    /// <summary>
    /// One error prints as itself, several as "[a, b]"; repeated lines are dropped, as upstream
    /// does, so a bad value reported twice reads once.
    /// </summary>
    public static string ToAggregateMessage(IEnumerable<FieldError> errors)
    {
        var lines = errors.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
        return lines.Count switch
        {
            0 => string.Empty,
            1 => lines[0],
            _ => "[" + string.Join(", ", lines) + "]",
        };
    }

    /// <summary>The message of a 422 Invalid Status: <c>Pod "x" is invalid: ...</c>.</summary>
    public static string InvalidMessage(string qualifiedKind, string name, IEnumerable<FieldError> errors)
    {
        var aggregate = ToAggregateMessage(errors);
        var head = $"{qualifiedKind} {GoQuote.Quote(name)} is invalid";
        return aggregate.Length == 0 ? head : $"{head}: {aggregate}";
    }
}
