using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Skiff.Api.RawHttp;

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

        var response = await HttpHead.ReadAsync(backend, ct).ConfigureAwait(false);
        if (response.Status != StatusCodes.Status101SwitchingProtocols)
        {
            // A refused upgrade (containerd answers 403 to WebSocket protocols it lacks, e.g. v5.channel.k8s.io) must
            // end: clients fall back to SPDY only once the answer is complete, and the backend keeps its connection open.
            var body = await ReadBodyAsync(backend, response, ct).ConfigureAwait(false);
            context.Response.StatusCode = response.Status;
            CopyHeaders(response.Headers.Where(h => !HttpHead.IsHopByHop(h.Key)).ToList(), context.Response);
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, ct).ConfigureAwait(false);
            return;
        }

        CopyHeaders(response.Headers, context.Response);
        await using var client = await upgrade.UpgradeAsync().ConfigureAwait(false);
        await client.WriteAsync(response.Leftover, ct).ConfigureAwait(false);
        await BytePump.RunAsync(client, backend, ct).ConfigureAwait(false);
    }

    private const int MaxRefusalBody = 64 * 1024;

    /// <summary>The body of a non-upgrade answer: Content-Length bytes, else whatever comes until the backend closes.</summary>
    private static async Task<byte[]> ReadBodyAsync(Stream backend, HttpHead response, CancellationToken ct)
    {
        var length = response.ContentLength;
        var leftover = response.Leftover;
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
