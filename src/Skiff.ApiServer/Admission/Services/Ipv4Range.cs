using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Skiff.ApiServer.Admission.Services;

/// <summary>
/// An IPv4 CIDR seen as a row of usable addresses: offset 0 is the first address after the network address,
/// and the broadcast address is left out, as upstream's service IP allocator does.
/// </summary>
public sealed class Ipv4Range
{
    private readonly uint _network;

    private Ipv4Range(string cidr, uint network, int size)
    {
        Cidr = cidr;
        _network = network;
        Size = size;
    }

    public string Cidr { get; }

    /// <summary>How many addresses can be handed out.</summary>
    public int Size { get; }

    public static Ipv4Range Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var address) || address.AddressFamily != AddressFamily.InterNetwork ||
            !int.TryParse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || bits is < 8 or > 30)
        {
            throw new ArgumentException($"service CIDR {cidr} must be an IPv4 CIDR with a prefix between /8 and /30", nameof(cidr));
        }

        var mask = uint.MaxValue << (32 - bits);
        var network = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes()) & mask;
        var total = 1L << (32 - bits);
        return new Ipv4Range($"{Format(network)}/{bits}", network, (int)Math.Min(total - 2, int.MaxValue));
    }

    /// <summary>The offset of <paramref name="ip"/>, or null when it is not a usable address of the range.</summary>
    public int? OffsetOf(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            return null;
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
        var offset = (long)value - _network - 1;
        return offset >= 0 && offset < Size ? (int)offset : null;
    }

    public string AddressAt(int offset) => Format(_network + 1 + (uint)offset);

    private static string Format(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes).ToString();
    }
}
