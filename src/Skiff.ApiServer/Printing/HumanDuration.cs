using System.Globalization;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// Upstream's two-to-three significant figure durations ("45s", "5m30s", "3h10m", "2d4h",
/// "400d", "3y20d"), as kubectl shows in AGE and RESTARTS columns.
/// </summary>
internal static class HumanDuration
{
    public const string Unknown = "<unknown>";

    public static string Format(TimeSpan d)
    {
        // Go truncates toward zero when turning a duration into whole seconds.
        var seconds = (long)Math.Truncate(d.TotalSeconds);
        // Up to two seconds in the future is tolerated as clock skew between machines.
        if (seconds < -1)
        {
            return "<invalid>";
        }
        if (seconds < 0)
        {
            return "0s";
        }
        if (seconds < 60 * 2)
        {
            return Invariant($"{seconds}s");
        }
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Invariant($"{minutes}m") : Invariant($"{minutes}m{s}s");
        }
        if (minutes < 60 * 3)
        {
            return Invariant($"{minutes}m");
        }
        var hours = seconds / 3600;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Invariant($"{hours}h") : Invariant($"{hours}h{m}m");
        }
        if (hours < 48)
        {
            return Invariant($"{hours}h");
        }
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Invariant($"{hours / 24}d") : Invariant($"{hours / 24}d{h}h");
        }
        if (hours < 24 * 365 * 2)
        {
            return Invariant($"{hours / 24}d");
        }
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? Invariant($"{hours / 24 / 365}y") : Invariant($"{hours / 24 / 365}y{dy}d");
        }
        return Invariant($"{hours / 24 / 365}y");
    }

    /// <summary>The age of a timestamp, or "&lt;unknown&gt;" when it is absent.</summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is { } t ? Format(now - t) : Unknown;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
