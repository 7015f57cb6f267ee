using System.Globalization;

namespace Skiff.Api.Objects;

/// <summary>
/// Upstream's two timestamp spellings. metav1.Time is RFC 3339 in UTC to the second with a "Z"
/// ("2024-05-01T10:00:00Z"); metav1.MicroTime (events, leases) keeps six fraction digits.
/// Writing anything else (fractions on a Time, "+00:00") makes clients see changes that never happened.
/// </summary>
public static class KubeTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    public static string FormatMicro(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Truncates to whole seconds, what a Time keeps after a round trip through JSON.</summary>
    public static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>Parses any RFC 3339 timestamp (with or without fractions, any offset).</summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrEmpty(text) || text.Length < 20 || text[10] is not ('T' or 't'))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        time = parsed.ToUniversalTime();
        return true;
    }
}
