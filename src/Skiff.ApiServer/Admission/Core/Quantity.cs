using System.Globalization;
using System.Text.RegularExpressions;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>Just enough of resource.Quantity to compare a request with its limit.</summary>
internal static partial class Quantity
{
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var match = Pattern().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = match.Groups[2].Value;
        decimal multiplier;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E')
        {
            if (!int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) || Math.Abs(exponent) > 27)
            {
                return false;
            }

            multiplier = (decimal)Math.Pow(10, exponent);
        }
        else
        {
            decimal? m = suffix switch
            {
                "" => 1m,
                "n" => 1e-9m,
                "u" => 1e-6m,
                "m" => 1e-3m,
                "k" => 1e3m,
                "M" => 1e6m,
                "G" => 1e9m,
                "T" => 1e12m,
                "P" => 1e15m,
                "E" => 1e18m,
                "Ki" => 1024m,
                "Mi" => 1024m * 1024,
                "Gi" => 1024m * 1024 * 1024,
                "Ti" => 1024m * 1024 * 1024 * 1024,
                "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
                "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
                _ => null,
            };
            if (m is null)
            {
                return false;
            }

            multiplier = m.Value;
        }

        value = number * multiplier;
        return true;
    }

    [GeneratedRegex(@"^([+-]?[0-9]*\.?[0-9]+|[+-]?[0-9]+\.)([eEinumkKMGTP]*[-+]?[0-9]*)\z")]
    private static partial Regex Pattern();
}
