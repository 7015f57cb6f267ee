using System.Text.RegularExpressions;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>Upstream's IANA_SVC_NAME check for named ports, with its messages.</summary>
internal static partial class PortNames
{
    public static IReadOnlyList<string> Check(string port)
    {
        var errors = new List<string>();
        if (port.Length < 1 || port.Length > 15)
        {
            errors.Add("must be no more than 15 characters");
        }

        if (!Allowed().IsMatch(port))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!HasLetter().IsMatch(port))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (port.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    [GeneratedRegex(@"^[-a-z0-9]+\z")]
    private static partial Regex Allowed();

    [GeneratedRegex("[a-z]")]
    private static partial Regex HasLetter();
}
