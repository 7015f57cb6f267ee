using System.Globalization;

namespace Skiff.ApiServer.Protobuf;

/// <summary>Formats nanoseconds the way Go's time.Duration.String does ("1h2m3.5s", "1.5ms", "0s").</summary>
internal static class GoDuration
{
    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        var sign = nanoseconds < 0 ? "-" : string.Empty;
        var u = nanoseconds < 0 ? (ulong)(-(nanoseconds + 1)) + 1 : (ulong)nanoseconds;
        if (u < 1_000)
        {
            return $"{sign}{u}ns";
        }

        if (u < 1_000_000)
        {
            return $"{sign}{Fraction(u, 3)}µs";
        }

        if (u < 1_000_000_000)
        {
            return $"{sign}{Fraction(u, 6)}ms";
        }

        var seconds = Fraction(u % 60_000_000_000, 9) + "s";
        var totalMinutes = u / 60_000_000_000;
        if (totalMinutes == 0)
        {
            return sign + seconds;
        }

        var hours = totalMinutes / 60;
        var minutes = totalMinutes % 60;
        return hours == 0 ? $"{sign}{minutes}m{seconds}" : $"{sign}{hours}h{minutes}m{seconds}";
    }

    private static string Fraction(ulong value, int digits)
    {
        var scale = (ulong)Math.Pow(10, digits);
        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var fraction = (value % scale).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return fraction.Length == 0 ? whole : $"{whole}.{fraction}";
    }
}
