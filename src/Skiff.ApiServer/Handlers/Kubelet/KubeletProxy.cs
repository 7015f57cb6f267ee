using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Skiff.Api.Catalog;
using Skiff.Api.RawHttp;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Handlers.Kubelet;

/// <summary>
/// pods/log, pods/exec, pods/attach, pods/portforward and nodes/proxy: forwarded to the node's kubelet over TLS with
/// the API server's kubelet-client certificate. Upgrades (SPDY, WebSocket) are relayed as raw bytes.
/// </summary>
public sealed class KubeletProxy
{
    private const int DefaultKubeletPort = 10250;
    private readonly Registries _registries;
    private readonly ResourceInfo _nodes;
    private readonly X509Certificate2 _clientCertificate;

    public KubeletProxy(Registries registries, ResourceCatalog catalog, X509Certificate2 clientCertificate)
    {
        _registries = registries;
        _nodes = catalog.Find(string.Empty, "v1", "nodes") ?? throw new InvalidOperationException("nodes missing from the catalog");
        _clientCertificate = clientCertificate;
    }

    public async Task HandleAsync(ApiRequest request, string subresource)
    {
        string nodeName;
        string path;
        if (request.Resource.Resource == "nodes")
        {
            nodeName = request.Name;
            var marker = request.Info.Path.IndexOf("/proxy", StringComparison.Ordinal);
            path = "/" + request.Info.Path[(marker + "/proxy".Length)..].TrimStart('/');
        }
        else
        {
            var pod = (await request.Store.GetAsync(request.Namespace, request.Name, request.Aborted).ConfigureAwait(false)).Object;
            nodeName = Json.Str(pod["spec"], "nodeName");
            if (nodeName.Length == 0)
            {
                throw ApiErrors.BadRequest($"pod {request.Name} does not have a host assigned");
            }

            var container = request.QueryValue("container") ?? DefaultContainer(pod, request.Name, subresource);
            path = subresource switch
            {
                "log" => $"/containerLogs/{request.Namespace}/{request.Name}/{container}",
                "exec" => $"/exec/{request.Namespace}/{request.Name}/{container}",
                "attach" => $"/attach/{request.Namespace}/{request.Name}/{container}",
                _ => $"/portForward/{request.Namespace}/{request.Name}",
            };
        }

        var node = (await _registries.For(_nodes).GetAsync(string.Empty, nodeName, request.Aborted).ConfigureAwait(false)).Object;
        var host = Address(node) ?? throw ApiErrors.Internal($"node {nodeName} has no InternalIP address");
        var port = node["status"]?["daemonEndpoints"]?["kubeletEndpoint"]?["Port"]?.GetValue<int>() is int p and > 0 ? p : DefaultKubeletPort;
        var query = request.Http.Request.QueryString.Value ?? string.Empty;
        await RelayAsync(request.Http, host, port, path + query, request.Aborted).ConfigureAwait(false);
    }

    private static string DefaultContainer(JsonObject pod, string name, string subresource)
    {
        if (subresource == "portforward")
        {
            return string.Empty;
        }

        var containers = pod["spec"]?["containers"] as JsonArray ?? [];
        if (containers.Count == 1)
        {
            return Json.Str(containers[0], "name");
        }

        var names = string.Join(" ", containers.Select(c => Json.Str(c, "name")));
        throw ApiErrors.BadRequest($"a container name must be specified for pod {name}, choose one of: [{names}]");
    }

    private static async Task CopyExactlyAsync(Stream from, Stream to, long remaining, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (remaining > 0)
        {
            var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), ct).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            remaining -= read;
        }
    }

    private static string? Address(JsonObject node) =>
        (node["status"]?["addresses"] as JsonArray)?.Where(a => Json.Str(a, "type") == "InternalIP").Select(a => Json.Str(a, "address")).FirstOrDefault();

    private async Task RelayAsync(HttpContext context, string host, int port, string pathAndQuery, CancellationToken ct)
    {
        Stream kubelet;
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(host, port, ct).ConfigureAwait(false);
            var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);

            // Upstream checks the kubelet's serving certificate only when --kubelet-certificate-authority is set; by default it does not.
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                ClientCertificates = new X509CertificateCollection { _clientCertificate },
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, ct).ConfigureAwait(false);
            kubelet = tls;
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            tcp.Dispose();
            throw new ApiException(502, "BadGateway", $"error dialing backend: dial tcp {host}:{port}: {e.Message}");
        }

        await using (kubelet.ConfigureAwait(false))
        using (tcp)
        {
            var head = new StringBuilder();
            head.Append(context.Request.Method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\nHost: ").Append(host).Append(':').Append(port).Append("\r\n");
            foreach (var (name, values) in context.Request.Headers)
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

            var upgrade = context.Features.Get<IHttpUpgradeFeature>();
            if (upgrade is not { IsUpgradableRequest: true })
            {
                // Plain requests (logs, nodes/proxy) as HTTP/1.0: the kubelet then ends the body by closing, with no chunking to undo.
                head.Replace(" HTTP/1.1\r\n", " HTTP/1.0\r\n");
            }

            await kubelet.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), ct).ConfigureAwait(false);
            var response = await HttpHead.ReadAsync(kubelet, ct).ConfigureAwait(false);
            context.Response.StatusCode = response.Status;
            var upgraded = upgrade is { IsUpgradableRequest: true } && response.Status == StatusCodes.Status101SwitchingProtocols;
            foreach (var (name, value) in response.Headers)
            {
                if (upgraded ? !HttpHead.IsFraming(name) : !HttpHead.IsFraming(name) && !HttpHead.IsHopByHop(name))
                {
                    context.Response.Headers.Append(name, value);
                }
            }

            if (upgraded)
            {
                await using var client = await upgrade!.UpgradeAsync().ConfigureAwait(false);
                await client.WriteAsync(response.Leftover, ct).ConfigureAwait(false);
                await BytePump.RunAsync(client, kubelet, ct).ConfigureAwait(false);
                return;
            }

            if (upgrade is { IsUpgradableRequest: true } && response.ContentLength is { } length)
            {
                // A refused upgrade on a kept-alive HTTP/1.1 connection ends after its Content-Length, not at a close;
                // the client falls back (WebSocket to SPDY) only once it has the whole answer.
                context.Response.ContentLength = length;
                await context.Response.Body.WriteAsync(response.Leftover, ct).ConfigureAwait(false);
                await CopyExactlyAsync(kubelet, context.Response.Body, length - response.Leftover.Length, ct).ConfigureAwait(false);
                return;
            }

            await context.Response.Body.WriteAsync(response.Leftover, ct).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);

            var buffer = new byte[16 * 1024];
            int read;
            try
            {
                while ((read = await kubelet.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
            catch (IOException)
            {
                // The kubelet closing without a TLS close_notify still ends the body.
            }
        }
    }
}
