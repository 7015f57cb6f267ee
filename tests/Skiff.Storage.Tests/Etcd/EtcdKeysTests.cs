using Skiff.Storage.Etcd;

namespace Skiff.Storage.Tests.Etcd;

public sealed class EtcdKeysTests
{
    [Theory]
    [InlineData("/registry/pods/", new byte[] { (byte)'/', (byte)'r', (byte)'e', (byte)'g', (byte)'i', (byte)'s', (byte)'t', (byte)'r', (byte)'y', (byte)'/', (byte)'p', (byte)'o', (byte)'d', (byte)'s', (byte)'0' })]
    [InlineData("a", new byte[] { (byte)'b' })]
    [InlineData("", new byte[] { 0 })]
    public void RangeEnd_IsThePrefixWithItsLastByteIncremented(string prefix, byte[] expected)
    {
        Assert.Equal(expected, EtcdKeys.RangeEnd(prefix).ToByteArray());
    }

    [Fact]
    public void RangeEnd_DropsTrailingFfBytes()
    {
        // "\u00ff" is the UTF-8 bytes C3 BF; a prefix ending in BF increments to C0 instead.
        Assert.Equal(new byte[] { (byte)'a', 0xC3, 0xC0 }, EtcdKeys.RangeEnd("a\u00ff").ToByteArray());
    }

    [Fact]
    public void After_SortsDirectlyBehindTheKey()
    {
        var after = EtcdKeys.After("/a/b");
        Assert.True(string.CompareOrdinal("/a/b", after) < 0);
        Assert.True(string.CompareOrdinal(after, "/a/b/") < 0);
        Assert.True(string.CompareOrdinal(after, "/a/b0") < 0);
    }
}
