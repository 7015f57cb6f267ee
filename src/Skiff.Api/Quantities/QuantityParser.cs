using System.Numerics;

namespace Skiff.Api.Quantities;

/// <summary>
/// Reads the text of a quantity into an exact count of nano-units. Follows upstream's scanner,
/// including its leniencies ("-", "." and "1.G" parse; the fraction may be empty).
/// </summary>
internal static class QuantityParser
{
    private const string SuffixChars = "eEinumkKMGTP";

    public static (BigInteger Nanos, QuantityFormat Format) Parse(string text)
    {
        if (text.Length == 0)
        {
            throw new QuantityFormatException(QuantityFormatException.FormatWrong);
        }

        var (positive, whole, fraction, suffix) = Split(text);
        var (numericBase, exponent, format) = InterpretSuffix(suffix);

        // value = whole.fraction × base^exponent, as an exact fraction numerator / denominator.
        var numerator = BigInteger.Parse(whole + fraction, System.Globalization.CultureInfo.InvariantCulture);
        var denominator = BigInteger.Pow(10, fraction.Length);
        if (numericBase == 10)
        {
            if (exponent >= 0)
            {
                numerator *= BigInteger.Pow(10, exponent);
            }
            else
            {
                denominator *= BigInteger.Pow(10, -exponent);
            }
        }
        else
        {
            numerator <<= exponent;
        }

        // Upstream rounds any non-zero amount up to a whole nano-unit, so asking for a tiny
        // amount still gets some, and caps the magnitude at the largest int64.
        var nanos = BigInteger.DivRem(numerator * Quantity.NanosPerUnit, denominator, out var remainder);
        if (!remainder.IsZero)
        {
            nanos += 1;
        }

        if (nanos > Quantity.MaxNanos)
        {
            nanos = Quantity.MaxNanos;
        }

        return (positive ? nanos : -nanos, format);
    }

    private static (bool Positive, string Whole, string Fraction, string Suffix) Split(string text)
    {
        var pos = 0;
        var positive = true;
        if (text[0] is '-' or '+')
        {
            positive = text[0] == '+';
            pos++;
        }

        var wholeStart = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        var whole = text[wholeStart..pos];
        var fraction = string.Empty;
        if (pos < text.Length && text[pos] == '.')
        {
            var fractionStart = ++pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            fraction = text[fractionStart..pos];
        }

        // The suffix is letters, then an optional sign and digits (the exponent of "1e-3").
        var suffixStart = pos;
        while (pos < text.Length && SuffixChars.Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < text.Length && text[pos] is '-' or '+')
        {
            pos++;
        }

        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos < text.Length)
        {
            throw new QuantityFormatException(QuantityFormatException.FormatWrong);
        }

        return (positive, whole.Length == 0 ? "0" : whole, fraction, text[suffixStart..]);
    }

    private static (int Base, int Exponent, QuantityFormat Format) InterpretSuffix(string suffix)
    {
        switch (suffix)
        {
            case "n": return (10, -9, QuantityFormat.DecimalSI);
            case "u": return (10, -6, QuantityFormat.DecimalSI);
            case "m": return (10, -3, QuantityFormat.DecimalSI);
            case "": return (10, 0, QuantityFormat.DecimalSI);
            case "k": return (10, 3, QuantityFormat.DecimalSI);
            case "M": return (10, 6, QuantityFormat.DecimalSI);
            case "G": return (10, 9, QuantityFormat.DecimalSI);
            case "T": return (10, 12, QuantityFormat.DecimalSI);
            case "P": return (10, 15, QuantityFormat.DecimalSI);
            case "E": return (10, 18, QuantityFormat.DecimalSI);
            case "Ki": return (2, 10, QuantityFormat.BinarySI);
            case "Mi": return (2, 20, QuantityFormat.BinarySI);
            case "Gi": return (2, 30, QuantityFormat.BinarySI);
            case "Ti": return (2, 40, QuantityFormat.BinarySI);
            case "Pi": return (2, 50, QuantityFormat.BinarySI);
            case "Ei": return (2, 60, QuantityFormat.BinarySI);
        }

        // Beyond ±1000 every exponent ends the same way (the int64 cap, or rounding up to 1n), so
        // clamping keeps the exact arithmetic small without changing any result.
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && long.TryParse(suffix.AsSpan(1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var exponent))
        {
            return (10, (int)Math.Clamp(exponent, -1000, 1000), QuantityFormat.DecimalExponent);
        }

        throw new QuantityFormatException(QuantityFormatException.Suffix);
    }
}
