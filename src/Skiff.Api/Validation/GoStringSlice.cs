namespace Skiff.Api.Validation;

/// <summary>
/// A list of values printed as Go prints a []string with %#v, because upstream's requirement
/// errors embed the values that way ("[]string{\"a\"}", or "[]string(nil)" when none were sent).
/// </summary>
public sealed record GoStringSlice(IReadOnlyList<string>? Values)
{
    public override string ToString() =>
        Values is null ? "[]string(nil)" : "[]string{" + string.Join(", ", Values.Select(GoQuote.Quote)) + "}";
}
