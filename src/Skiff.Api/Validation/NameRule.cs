namespace Skiff.Api.Validation;

/// <summary>
/// Checks an object name; prefix is true when the value is a generateName. Returns upstream's
/// messages, empty when valid.
/// </summary>
public delegate IReadOnlyList<string> NameRule(string name, bool prefix);
