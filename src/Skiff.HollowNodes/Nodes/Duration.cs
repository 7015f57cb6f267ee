using System.Globalization;
using System.Text.RegularExpressions;

namespace Skiff.HollowNodes.Nodes;

/// <summary>Durations as Kubernetes flags spell them: "0s", "500ms", "1.5s", "2m", "1h30m".</summary>
public static partial class Duration
{
    public static TimeSpan Parse(string flag, string text)
    {
        var trimmed = text.Trim();
        if (trimmed == "0")
        {
            return TimeSpan.Zero;
        }

        var parts = Part().Matches(trimmed);
        if (parts.Count == 0 || string.Concat(parts.Select(m => m.Value)) != trimmed)
        {
            throw new OptionException($"{flag}: \"{text}\" is not a duration such as 500ms, 2s or 1m30s");
        }

        var total = TimeSpan.Zero;
        foreach (Match m in parts)
        {
            var amount = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }

        return total;
    }

    [GeneratedRegex("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
