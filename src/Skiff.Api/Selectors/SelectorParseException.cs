namespace Skiff.Api.Selectors;

/// <summary>A label or field selector that does not parse; the message is upstream's, for a 400 BadRequest Status.</summary>
public sealed class SelectorParseException(string message) : FormatException(message);
