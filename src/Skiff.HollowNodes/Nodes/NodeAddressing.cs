namespace Skiff.HollowNodes.Nodes;

/// <summary>
/// Fake addresses from a node's index. Nothing ever connects to them: node IPs come from 10.200.0.0/16 and
/// each node's pods from its own /24 of 100.64.0.0/10, away from Skiff's default cluster and service ranges.
/// </summary>
public static class NodeAddressing
{
    /// <summary>Host offsets .2 to .254 of a /24: .0 and .255 are network and broadcast, .1 is the bridge gateway as with CNI's host-local.</summary>
    public const int FirstPodOffset = 2;

    public const int LastPodOffset = 254;

    public static string InternalIp(int index) => $"10.200.{index / 250}.{(index % 250) + 2}";

    public static string PodCidr(int index) => $"{PodNetwork(index)}.0/24";

    public static string PodIp(int index, int offset) => $"{PodNetwork(index)}.{offset}";

    /// <summary>The host offset of <paramref name="ip"/> if it lies in node <paramref name="index"/>'s pod CIDR.</summary>
    public static int? PodOffset(int index, string? ip)
    {
        var network = PodNetwork(index) + ".";
        if (ip is null || !ip.StartsWith(network, StringComparison.Ordinal)
            || !int.TryParse(ip.AsSpan(network.Length), System.Globalization.CultureInfo.InvariantCulture, out var offset)
            || offset < FirstPodOffset || offset > LastPodOffset)
        {
            return null;
        }

        return offset;
    }

    private static string PodNetwork(int index) => $"100.{64 + (index / 256)}.{index % 256}";
}
