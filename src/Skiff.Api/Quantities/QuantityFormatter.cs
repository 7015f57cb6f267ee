using System.Globalization;
using System.Numerics;

namespace Skiff.Api.Quantities;

/// <summary>Upstream's canonical spelling of a quantity.</summary>
internal static class QuantityFormatter
{
    private static readonly BigInteger _oneK = 1024;

    public static string Canonical(BigInteger nanos, QuantityFormat format)
    {
        if (nanos.IsZero)
        {
            return "0";
        }

        // Upstream prints binary only for whole amounts of at least 1Ki; anything else would round
        // or read oddly, so it falls back to decimal SI ("1.5Ki" prints as "1536", "0.5Ki" as "512").
        if (format == QuantityFormat.BinarySI)
        {
            var whole = BigInteger.DivRem(nanos, Quantity.NanosPerUnit, out var rest);
            if (rest.IsZero && BigInteger.Abs(whole) >= _oneK)
            {
                var power = 0;
                while (power < 6 && (whole % _oneK).IsZero)
                {
                    whole /= _oneK;
                    power++;
                }

                return whole.ToString(CultureInfo.InvariantCulture) + power switch
                {
                    0 => string.Empty,
                    1 => "Ki",
                    2 => "Mi",
                    3 => "Gi",
                    4 => "Ti",
                    5 => "Pi",
                    _ => "Ei",
                };
            }

            format = QuantityFormat.DecimalSI;
        }

        // Move trailing zeros into the exponent, then lower the exponent to a multiple of three.
        var mantissa = nanos;
        var exponent = -9;
        while ((mantissa % 10).IsZero)
        {
            mantissa /= 10;
            exponent++;
        }

        while (exponent % 3 != 0)
        {
            mantissa *= 10;
            exponent--;
        }

        var number = mantissa.ToString(CultureInfo.InvariantCulture);
        if (format == QuantityFormat.DecimalExponent)
        {
            return exponent == 0 ? number : number + "e" + exponent.ToString(CultureInfo.InvariantCulture);
        }

        return number + exponent switch
        {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            0 => string.Empty,
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            _ => "E",
        };
    }
}
