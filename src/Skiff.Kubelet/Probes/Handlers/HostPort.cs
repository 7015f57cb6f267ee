using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Skiff.Kubelet.Probes.Handlers;

/// <summary>Go's spelling of addresses and socket errors, which upstream's probe messages carry.</summary>
public static class HostPort
{
    public static string Join(string host, int port) =>
        (IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host)
        + ":" + port.ToString(CultureInfo.InvariantCulture);

    public static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connect: connection refused",
        SocketError.HostUnreachable => "connect: no route to host",
        SocketError.NetworkUnreachable => "connect: network is unreachable",
        SocketError.TimedOut => "i/o timeout",
        SocketError.HostNotFound or SocketError.NoData => "lookup: no such host",
        _ => "connect: " + e.Message.ToLowerInvariant(),
    };
}
