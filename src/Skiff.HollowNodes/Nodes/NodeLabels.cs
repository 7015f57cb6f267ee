using System.Text.RegularExpressions;

namespace Skiff.HollowNodes.Nodes;

/// <summary>Parses `--labels k=v,...` with upstream's rules for label keys and values.</summary>
public static partial class NodeLabels
{
    public static Dictionary<string, string> Parse(string? text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return labels;
        }

        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new OptionException($"--labels: \"{item}\" is not of the form key=value");
            }

            var key = item[..eq];
            var value = item[(eq + 1)..];
            CheckKey("--labels", key);
            CheckValue("--labels", key, value);
            if (!labels.TryAdd(key, value))
            {
                throw new OptionException($"--labels: key \"{key}\" is given twice");
            }
        }

        return labels;
    }

    /// <summary>A qualified name: optional DNS-subdomain prefix and "/", then a name of at most 63 characters.</summary>
    internal static void CheckKey(string flag, string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > 253 || !Subdomain().IsMatch(prefix))
            {
                throw new OptionException($"{flag}: key \"{key}\": prefix part must be a lowercase RFC 1123 subdomain of at most 253 characters");
            }
        }

        if (name.Length == 0 || name.Length > 63 || !QualifiedName().IsMatch(name))
        {
            throw new OptionException($"{flag}: key \"{key}\": name part must be at most 63 characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric");
        }
    }

    internal static void CheckValue(string flag, string key, string value)
    {
        if (value.Length > 63 || (value.Length > 0 && !QualifiedName().IsMatch(value)))
        {
            throw new OptionException($"{flag}: value \"{value}\" of \"{key}\" must be empty or at most 63 characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
