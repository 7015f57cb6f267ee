using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Skiff.Kubelet.Server;

/// <summary>
/// Hands an upgrade request (SPDY/3.1 or WebSocket) to containerd's streaming server and pumps raw bytes
/// both ways, so neither protocol is interpreted here and new ones pass through untouched.
/// </summary>
internal static class UpgradeRelay
{
    public static async Task RelayAsync(HttpContext context, Uri target, CancellationToken ct)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is null || !upgrade.IsUpgradableRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Upgrade request required", ct).ConfigureAwait(false);
            return;
        }

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(target.Host, target.Port, ct).ConfigureAwait(false);
        var backend = tcp.GetStream();
        await backend.WriteAsync(Encoding.ASCII.GetBytes(RequestHead(context.Request, target)), ct).ConfigureAwait(false);

        var (status, headers, leftover) = await ReadResponseHeadAsync(backend, ct).ConfigureAwait(false);
        if (status != StatusCodes.Status101SwitchingProtocols)
        {
            // A refused upgrade (containerd answers 403 to WebSocket protocols it lacks, e.g. v5.channel.k8s.io) must
            // end: clients fall back to SPDY only once the answer is complete, and the backend keeps its connection open.
            var body = await ReadBodyAsync(backend, headers, leftover, ct).ConfigureAwait(false);
            context.Response.StatusCode = status;
            CopyHeaders(headers.Where(h => !IsHopByHop(h.Key)).ToList(), context.Response);
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, ct).ConfigureAwait(false);
            return;
        }

        CopyHeaders(headers, context.Response);
        await using var client = await upgrade.UpgradeAsync().ConfigureAwait(false);
        await client.WriteAsync(leftover, ct).ConfigureAwait(false);
        await PumpAsync(client, backend, ct).ConfigureAwait(false);
    }

    /// <summary>Copies both directions until either side closes; the other direction is then torn down.</summary>
    public static async Task PumpAsync(Stream client, Stream backend, CancellationToken ct)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var up = client.CopyToAsync(backend, done.Token);
        var down = backend.CopyToAsync(client, done.Token);
        try
        {
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(up, down).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // One side closing mid-copy is how streams end.
            }
        }
    }

    private const int MaxRefusalBody = 64 * 1024;

    /// <summary>The body of a non-upgrade answer: Content-Length bytes, else whatever comes until the backend closes.</summary>
    private static async Task<byte[]> ReadBodyAsync(Stream backend, List<KeyValuePair<string, string>> headers, byte[] leftover, CancellationToken ct)
    {
        var length = headers.Where(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => long.TryParse(h.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (long?)null)
            .FirstOrDefault();
        var limit = (int)Math.Min(length ?? MaxRefusalBody, MaxRefusalBody);
        using var body = new MemoryStream();
        body.Write(leftover, 0, Math.Min(leftover.Length, limit));
        var chunk = new byte[4096];
        while (body.Length < limit)
        {
            var read = await backend.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - body.Length)), ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            body.Write(chunk, 0, read);
        }

        return body.ToArray();
    }

    private static bool IsHopByHop(string name) =>
        name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase) || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase);

    private static string RequestHead(HttpRequest request, Uri target)
    {
        var head = new StringBuilder();
        head.Append(request.Method).Append(' ').Append(target.PathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(target.Authority).Append("\r\n");
        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        return head.Append("\r\n").ToString();
    }

    private static async Task<(int Status, List<KeyValuePair<string, string>> Headers, byte[] Leftover)> ReadResponseHeadAsync(Stream backend, CancellationToken ct)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int end;
        while ((end = IndexOfHeadEnd(buffer)) < 0)
        {
            var read = await backend.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("streaming server closed the connection before answering");
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var all = buffer.ToArray();
        var lines = Encoding.ASCII.GetString(all, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .Select(p => new KeyValuePair<string, string>(p[0].Trim(), p[1].Trim()))
            .ToList();
        return (status, headers, all[(end + 4)..]);
    }

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

    private static void CopyHeaders(List<KeyValuePair<string, string>> headers, HttpResponse response)
    {
        foreach (var (name, value) in headers)
        {
            // Kestrel writes its own framing headers; the upgrade ones (Connection, Upgrade, Sec-WebSocket-*, X-Stream-Protocol-Version) must pass.
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Date", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            response.Headers.Append(name, value);
        }
    }
}
