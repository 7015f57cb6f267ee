using System.Globalization;
using System.Net;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>
/// IP parsing as strict as Go's netip: IPv4 only as four decimal octets without leading zeros (.NET would take
/// "1" or "10.1" or "010.0.0.1"), IPv6 without a zone.
/// </summary>
internal static class StrictIp
{
    public static bool TryParse(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(text, out var v6))
            {
                return false;
            }

            address = v6;
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') ||
                !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet) || octet > 255)
            {
                return false;
            }
        }

        address = IPAddress.Parse(text);
        return true;
    }
}
