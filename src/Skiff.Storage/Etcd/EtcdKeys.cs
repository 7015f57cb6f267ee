using System.Runtime.InteropServices;
using Google.Protobuf;

namespace Skiff.Storage.Etcd;

/// <summary>Keys are UTF-8 bytes in etcd; a prefix is the half-open range [prefix, prefix with its last byte + 1).</summary>
internal static class EtcdKeys
{
    public static ByteString Key(string key) => ByteString.CopyFromUtf8(key);

    /// <summary>etcd refuses an empty key, so a range over every key starts at the single byte 0.</summary>
    public static ByteString RangeStart(string prefix) => prefix.Length == 0 ? ByteString.CopyFrom(0) : Key(prefix);

    public static ByteString RangeEnd(string prefix)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(prefix);
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (bytes[i] < 0xff)
            {
                bytes[i]++;
                return ByteString.CopyFrom(bytes, 0, i + 1);
            }
        }

        // An empty prefix (or all 0xff) means "every key": etcd spells that end as the single byte 0.
        return ByteString.CopyFrom(0);
    }

    /// <summary>The smallest key after <paramref name="key"/>, where the next page starts.</summary>
    public static string After(string key) => key + "\0";

    public static KeyValue ToKeyValue(Mvccpb.KeyValue kv) =>
        new(kv.Key.ToStringUtf8(), Bytes(kv.Value), kv.ModRevision, kv.CreateRevision);

    /// <summary>
    /// The value as an array. Parsing gives each value an array of its own that nothing else
    /// references once the response is dropped, so it is handed over instead of copied (10 MiB for a
    /// list of 10,000 objects of 1 KiB).
    /// </summary>
    public static byte[] Bytes(ByteString value) =>
        MemoryMarshal.TryGetArray(value.Memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : value.ToByteArray();
}
