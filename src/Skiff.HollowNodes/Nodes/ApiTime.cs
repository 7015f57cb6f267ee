using System.Globalization;

namespace Skiff.HollowNodes.Nodes;

/// <summary>Times as the API writes them: RFC 3339 in UTC, whole seconds for Time fields.</summary>
internal static class ApiTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTime Truncate(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }
}
