using System.Text;

namespace Skiff.Storage;

/// <summary>The byte range of keys under a prefix, as etcd's range_end: the prefix with its last byte incremented.</summary>
internal static class KeyRange
{
    /// <summary>
    /// UTF-8 never contains 0xFF, so incrementing the last byte always works, and a lone 0xFF is above
    /// every key (the end of the empty prefix).
    /// </summary>
    public static byte[] PrefixEnd(string prefix)
    {
        if (prefix.Length == 0)
        {
            return [0xFF];
        }

        var bytes = Encoding.UTF8.GetBytes(prefix);
        bytes[^1]++;
        return bytes;
    }
}
