using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.Api.Quantities;

/// <summary>
/// An exact Kubernetes resource quantity ("500m", "1Gi", "12e6"). Held as a whole number of
/// nano-units, which is all upstream keeps: parsing rounds up to 1n and caps at the largest int64.
/// <see cref="ToString"/> is upstream's canonical spelling, which is what upstream writes back
/// into stored objects ("0.5" becomes "500m", "0.5Gi" becomes "512Mi").
/// </summary>
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    internal static readonly BigInteger NanosPerUnit = 1_000_000_000;
    internal static readonly BigInteger MaxNanos = long.MaxValue * NanosPerUnit;

    private readonly BigInteger _nanos;

    private Quantity(BigInteger nanos, QuantityFormat format)
    {
        _nanos = nanos;
        Format = format;
    }

    public static Quantity Zero => default;

    public QuantityFormat Format { get; }

    public bool IsZero => _nanos.IsZero;

    public int Sign => _nanos.Sign;

    /// <summary>Parses a quantity; throws <see cref="QuantityFormatException"/> with upstream's message.</summary>
    public static Quantity Parse(string text)
    {
        var (nanos, format) = QuantityParser.Parse(text);
        return new Quantity(nanos, format);
    }

    public static bool TryParse(string? text, out Quantity quantity)
    {
        try
        {
            quantity = Parse(text ?? string.Empty);
            return true;
        }
        catch (QuantityFormatException)
        {
            quantity = default;
            return false;
        }
    }

    /// <summary>Reads a quantity from JSON, where upstream accepts both "1Gi" and a bare number such as 2 or 0.5.</summary>
    public static Quantity FromJson(JsonNode node)
    {
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    return Parse(value.GetValue<string>());
                case JsonValueKind.Number:
                    return Parse(value.ToJsonString());
            }
        }

        throw new QuantityFormatException(QuantityFormatException.FormatWrong);
    }

    public static Quantity FromUnits(long value, QuantityFormat format = QuantityFormat.DecimalSI) => new(value * NanosPerUnit, format);

    public static Quantity FromMilli(long milli, QuantityFormat format = QuantityFormat.DecimalSI) => new(milli * (NanosPerUnit / 1000), format);

    /// <summary>The value rounded up, away from zero, to a whole number; saturates at the int64 range.</summary>
    public long Value() => Scaled(NanosPerUnit);

    /// <summary>The value in thousandths, rounded up away from zero ("100m" is 100, "1" is 1000); saturates at the int64 range.</summary>
    public long MilliValue() => Scaled(NanosPerUnit / 1000);

    public double ToDouble() => (double)_nanos / 1e9;

    /// <summary>Sum in this quantity's format, or the other's when this one is zero, as upstream's Add.</summary>
    public Quantity Add(Quantity other) => new(Clamp(_nanos + other._nanos), IsZero ? other.Format : Format);

    public Quantity Subtract(Quantity other) => new(Clamp(_nanos - other._nanos), IsZero ? other.Format : Format);

    public Quantity Negate() => new(-_nanos, Format);

    public int CompareTo(Quantity other) => _nanos.CompareTo(other._nanos);

    /// <summary>Equal amounts are equal whatever their format ("1Ki" equals "1024").</summary>
    public bool Equals(Quantity other) => _nanos == other._nanos;

    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    public override int GetHashCode() => _nanos.GetHashCode();

    public override string ToString() => QuantityFormatter.Canonical(_nanos, Format);

    /// <summary>Upstream's canonical spelling of a quantity string ("0.5" → "500m").</summary>
    public static string Canonicalize(string text) => Parse(text).ToString();

    public static Quantity operator +(Quantity a, Quantity b) => a.Add(b);

    public static Quantity operator -(Quantity a, Quantity b) => a.Subtract(b);

    public static Quantity operator -(Quantity a) => a.Negate();

    public static bool operator ==(Quantity a, Quantity b) => a.Equals(b);

    public static bool operator !=(Quantity a, Quantity b) => !a.Equals(b);

    public static bool operator <(Quantity a, Quantity b) => a.CompareTo(b) < 0;

    public static bool operator >(Quantity a, Quantity b) => a.CompareTo(b) > 0;

    public static bool operator <=(Quantity a, Quantity b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Quantity a, Quantity b) => a.CompareTo(b) >= 0;

    internal BigInteger Nanos => _nanos;

    // Sums are not re-capped upstream either, but keeping them within what a quantity can hold
    // keeps Value() meaningful.
    private static BigInteger Clamp(BigInteger nanos) =>
        nanos > MaxNanos ? MaxNanos : nanos < -MaxNanos ? -MaxNanos : nanos;

    private long Scaled(BigInteger nanosPerStep)
    {
        var quotient = BigInteger.DivRem(BigInteger.Abs(_nanos), nanosPerStep, out var remainder);
        if (!remainder.IsZero)
        {
            quotient += 1;
        }

        if (_nanos.Sign < 0)
        {
            quotient = -quotient;
        }

        return quotient > long.MaxValue ? long.MaxValue : quotient < long.MinValue ? long.MinValue : (long)quotient;
    }
}
