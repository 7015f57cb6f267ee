namespace Skiff.Api.Quantities;

/// <summary>A quantity string upstream would reject; the message is upstream's.</summary>
public sealed class QuantityFormatException(string message) : FormatException(message)
{
    public const string FormatWrong =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    public const string Numeric = "unable to parse numeric part of quantity";

    public const string Suffix = "unable to parse quantity's suffix";
}
