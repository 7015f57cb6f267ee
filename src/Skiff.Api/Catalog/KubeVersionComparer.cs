using System.Text.RegularExpressions;

namespace Skiff.Api.Catalog;

/// <summary>
/// Orders versions the way upstream prefers them: GA before beta before alpha, higher numbers
/// first, and versions that do not look like Kubernetes versions last, alphabetically.
/// Sorting with this comparer puts the most preferred version first.
/// </summary>
public sealed partial class KubeVersionComparer : IComparer<string>
{
    public static KubeVersionComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var a = Parse(x ?? string.Empty);
        var b = Parse(y ?? string.Empty);
        if (a.Stability != b.Stability)
        {
            return b.Stability.CompareTo(a.Stability);
        }

        if (a.Stability == 0)
        {
            return string.CompareOrdinal(x, y);
        }

        return a.Major != b.Major ? b.Major.CompareTo(a.Major) : b.Minor.CompareTo(a.Minor);
    }

    // Stability: 3 GA, 2 beta, 1 alpha, 0 not a Kubernetes version.
    private static (int Stability, long Major, long Minor) Parse(string version)
    {
        var match = VersionPattern().Match(version);
        if (!match.Success)
        {
            return (0, 0, 0);
        }

        var major = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "alpha" => (1, major, long.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)),
            "beta" => (2, major, long.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)),
            _ => (3, major, 0),
        };
    }

    [GeneratedRegex(@"^v([1-9][0-9]{0,17})(?:(alpha|beta)([1-9][0-9]{0,17}))?$")]
    private static partial Regex VersionPattern();
}
