namespace Skiff.Kubelet.Logs;

/// <summary>One line of a CRI log file: <c>&lt;RFC3339Nano&gt; stdout|stderr F|P &lt;text&gt;</c>.</summary>
internal sealed record CriLogLine(DateTimeOffset Timestamp, string RawTimestamp, string Stream, bool Partial, string Content)
{
    public static bool TryParse(string line, out CriLogLine parsed)
    {
        parsed = null!;
        var first = line.IndexOf(' ', StringComparison.Ordinal);
        if (first <= 0)
        {
            return false;
        }

        var second = line.IndexOf(' ', first + 1);
        if (second < 0)
        {
            return false;
        }

        var raw = line[..first];
        if (!DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var ts))
        {
            return false;
        }

        var stream = line[(first + 1)..second];
        var rest = line[(second + 1)..];

        // The tag field is optional in old CRI logs; when present it is a '|'-separated list whose first entry is F or P.
        var partial = false;
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var tag = space < 0 ? rest : rest[..space];
        if (tag is "F" or "P" || tag.StartsWith("F:", StringComparison.Ordinal) || tag.StartsWith("P:", StringComparison.Ordinal))
        {
            partial = tag[0] == 'P';
            rest = space < 0 ? string.Empty : rest[(space + 1)..];
        }

        parsed = new CriLogLine(ts, raw, stream, partial, rest);
        return true;
    }
}
