using System.Net;
using System.Net.Sockets;

namespace Skiff.Controllers.NodeIpam;

/// <summary>
/// The IPv4 cluster CIDR cut into fixed-size node subnets (/24 by default, upstream's node-cidr-mask-size),
/// with which of them are taken. Allocation continues after the last one handed out, as upstream's cidrset
/// does, so a just-released subnet is not given straight to the next node.
/// </summary>
public sealed class CidrSet
{
    private readonly uint _base;
    private readonly int _subnetBits;
    private readonly int _nodeMask;
    private readonly bool[] _used;
    private int _next;

    public CidrSet(string clusterCidr, int nodeMaskSize = 24)
    {
        var (address, prefix) = Parse(clusterCidr);
        if (nodeMaskSize < prefix || nodeMaskSize > 32 || nodeMaskSize - prefix > 16)
        {
            throw new ArgumentException($"node mask /{nodeMaskSize} does not fit cluster CIDR {clusterCidr}", nameof(nodeMaskSize));
        }

        _base = prefix == 0 ? 0 : address & (uint.MaxValue << (32 - prefix));
        _nodeMask = nodeMaskSize;
        _subnetBits = 32 - nodeMaskSize;
        _used = new bool[1 << (nodeMaskSize - prefix)];
    }

    public int Capacity => _used.Length;

    /// <summary>The next free subnet, or null when every subnet is taken.</summary>
    public string? Allocate()
    {
        for (var i = 0; i < _used.Length; i++)
        {
            var candidate = (_next + i) % _used.Length;
            if (!_used[candidate])
            {
                _used[candidate] = true;
                _next = (candidate + 1) % _used.Length;
                return Format(candidate);
            }
        }

        return null;
    }

    /// <summary>Marks a subnet taken; false when it is not one of this range's subnets.</summary>
    public bool Occupy(string cidr)
    {
        if (IndexOf(cidr) is not { } index)
        {
            return false;
        }

        _used[index] = true;
        return true;
    }

    public void Release(string cidr)
    {
        if (IndexOf(cidr) is { } index)
        {
            _used[index] = false;
        }
    }

    private int? IndexOf(string cidr)
    {
        try
        {
            var (address, prefix) = Parse(cidr);
            var offset = (long)address - _base;
            if (prefix != _nodeMask || offset < 0 || (offset >> _subnetBits) >= _used.Length || (offset & ((1L << _subnetBits) - 1)) != 0)
            {
                return null;
            }

            return (int)(offset >> _subnetBits);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string Format(int index)
    {
        var address = _base + ((uint)index << _subnetBits);
        return $"{address >> 24}.{(address >> 16) & 0xff}.{(address >> 8) & 0xff}.{address & 0xff}/{_nodeMask}";
    }

    private static (uint Address, int Prefix) Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(cidr.AsSpan(0, slash), out var ip) || ip.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(cidr.AsSpan(slash + 1), out var prefix) || prefix is < 0 or > 32)
        {
            throw new FormatException($"not an IPv4 CIDR: {cidr}");
        }

        var bytes = ip.GetAddressBytes();
        return ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3], prefix);
    }
}
