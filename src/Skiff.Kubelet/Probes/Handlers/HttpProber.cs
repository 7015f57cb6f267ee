using System.Net.Sockets;
using System.Text;
using k8s.Models;

namespace Skiff.Kubelet.Probes.Handlers;

/// <summary>
/// httpGet probes: 200–399 is success. Redirects are followed (at most 10) only while they stay on the same host; a
/// redirect elsewhere ends the probe with a warning, as upstream does. TLS certificates are not verified, as upstream.
/// </summary>
public sealed class HttpProber : IDisposable
{
    public const string UserAgent = "kube-probe/1.33";

    private const int MaxRedirects = 10;
    private const int MaxBodyBytes = 10 * 1024;

    private readonly HttpClient _client;

    public HttpProber()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<ProbeResult> RunAsync(Uri url, IList<V1HTTPHeader>? headers, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var current = url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = HttpGetTarget.Request(current, headers, UserAgent);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var body = await ReadBodyAsync(response, deadline.Token).ConfigureAwait(false);
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (!string.Equals(next.Host, url.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        return new ProbeResult(ProbeOutcome.Warning, $"Probe terminated redirects, Response body: {body}");
                    }

                    if (redirects >= MaxRedirects)
                    {
                        return ProbeResult.Failure($"Get \"{next}\": stopped after {MaxRedirects} redirects");
                    }

                    current = next;
                    continue;
                }

                return status is >= 200 and < 400
                    ? ProbeResult.Success(body)
                    : ProbeResult.Failure($"HTTP probe failed with statuscode: {status}");
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.Failure($"Get \"{current}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Failure($"Get \"{current}\": {Describe(e, current)}");
        }
    }

    internal static string Describe(HttpRequestException e, Uri url) =>
        e.InnerException is SocketException socket ? $"dial tcp {HostPort.Join(url.Host.Trim('[', ']'), url.Port)}: {HostPort.Describe(socket)}" : e.Message;

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            return Encoding.UTF8.GetString(buffer, 0, read);
        }
    }

    public void Dispose() => _client.Dispose();
}
