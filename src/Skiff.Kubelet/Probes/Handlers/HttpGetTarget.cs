using k8s.Models;

namespace Skiff.Kubelet.Probes.Handlers;

/// <summary>The URL and headers of an httpGet probe or hook: host defaults to the pod IP, path to "/", scheme to HTTP.</summary>
public static class HttpGetTarget
{
    public static Uri Url(V1HTTPGetAction action, V1Container container, string? podIp)
    {
        var host = string.IsNullOrEmpty(action.Host) ? podIp : action.Host;
        if (string.IsNullOrEmpty(host))
        {
            throw new ProbeSetupException("no pod IP to probe");
        }

        var port = PortResolver.Resolve(action.Port, container);
        var scheme = string.IsNullOrEmpty(action.Scheme) ? "http" : action.Scheme.ToLowerInvariant();
        var path = string.IsNullOrEmpty(action.Path) ? "/" : action.Path.StartsWith('/') ? action.Path : "/" + action.Path;
        return new Uri($"{scheme}://{HostPort.Join(host, port)}{path}");
    }

    /// <summary>A GET with upstream's default User-Agent and Accept, overridden by the action's httpHeaders (Host included).</summary>
    public static HttpRequestMessage Request(Uri url, IList<V1HTTPHeader>? headers, string userAgent)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        // Upstream probes disable keep-alive, so every probe is a fresh connection the container sees.
        request.Headers.ConnectionClose = true;
        foreach (var header in headers ?? [])
        {
            if (string.Equals(header.Name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = header.Value;
                continue;
            }

            request.Headers.Remove(header.Name);
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        return request;
    }
}
