namespace Skiff.Api.Selectors;

/// <summary>One term of a field selector: field = value or field != value.</summary>
public sealed record FieldRequirement(string Field, SelectorOperator Operator, string Value)
{
    /// <summary>Missing fields read as "", as upstream's field sets do.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> fields)
    {
        var actual = fields.TryGetValue(Field, out var v) ? v : string.Empty;
        return Operator == SelectorOperator.NotEquals ? actual != Value : actual == Value;
    }

    public override string ToString() =>
        Field + (Operator == SelectorOperator.NotEquals ? "!=" : "=") + FieldSelector.EscapeValue(Value);
}
