using System.Globalization;
using System.Text;

namespace Skiff.Api.RawHttp;

/// <summary>
/// An HTTP/1.x response head read off a raw stream, plus whatever bytes came after it: what a relay of upgrade
/// requests (exec, attach, port-forward) needs, since neither side's protocol may be interpreted on the way.
/// </summary>
public sealed record HttpHead(int Status, List<KeyValuePair<string, string>> Headers, byte[] Leftover)
{
    public static async Task<HttpHead> ReadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int end;
        while ((end = IndexOfHeadEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the backend closed the connection before answering");
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var all = buffer.ToArray();
        var lines = Encoding.ASCII.GetString(all, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .Select(p => new KeyValuePair<string, string>(p[0].Trim(), p[1].Trim()))
            .ToList();
        return new HttpHead(status, headers, all[(end + 4)..]);
    }

    /// <summary>The Content-Length the backend declared, if any.</summary>
    public long? ContentLength => Headers
        .Where(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
        .Select(h => long.TryParse(h.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null)
        .FirstOrDefault();

    /// <summary>Headers Kestrel writes itself for our response.</summary>
    public static bool IsFraming(string name) =>
        name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Server", StringComparison.OrdinalIgnoreCase);

    public static bool IsHopByHop(string name) =>
        name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase);

    private static int IndexOfHeadEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
