using System.Net;
using Grpc.Net.Client.Balancer;

namespace Skiff.Storage.Etcd;

/// <summary>Turns the configured endpoint strings into balancer addresses and decides whether the cluster speaks TLS.</summary>
internal static class EtcdEndpoints
{
    // The balancer connects every subchannel itself, so TLS would otherwise check each member's
    // certificate against the channel's made-up authority; this attribute makes it use the member's own host.
    private static readonly BalancerAttributesKey<string> HostOverride = new("HostOverride");

    public static bool UsesTls(EtcdStoreOptions options)
    {
        var schemes = options.Endpoints.Select(e => Parse(e).Scheme).Distinct().ToList();
        if (schemes.Count > 1)
        {
            throw new ArgumentException("etcd endpoints mix http and https: " + string.Join(",", options.Endpoints));
        }

        return schemes.Contains(Uri.UriSchemeHttps) || options.CaFile is not null || options.CertFile is not null;
    }

    public static IReadOnlyList<BalancerAddress> ToAddresses(EtcdStoreOptions options)
    {
        if (options.Endpoints.Count == 0)
        {
            throw new ArgumentException("at least one etcd endpoint is required");
        }

        return options.Endpoints.Select(ToAddress).ToList();
    }

    private static BalancerAddress ToAddress(string endpoint)
    {
        var uri = Parse(endpoint);
        var address = new BalancerAddress(new DnsEndPoint(uri.Host, uri.Port));
        address.Attributes.Set(HostOverride, uri.Authority);
        return address;
    }

    private static Uri Parse(string endpoint)
    {
        var text = endpoint.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"not an etcd client URL: '{endpoint}'");
        }

        // etcd's client port when none is written, as etcdctl assumes.
        return uri.IsDefaultPort && !text.EndsWith(":" + uri.Port, StringComparison.Ordinal)
            ? new UriBuilder(uri) { Port = 2379 }.Uri
            : uri;
    }
}
