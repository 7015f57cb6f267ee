using Skiff.Storage.Etcd;

namespace Skiff.Storage.Tests.Etcd;

public sealed class EtcdContinueTokenTests
{
    [Fact]
    public void Token_RoundTripsRevisionAndStartKey()
    {
        var token = new EtcdContinueToken(42, "/registry/pods/default/a\0").Encode();
        Assert.Equal(new EtcdContinueToken(42, "/registry/pods/default/a\0"), EtcdContinueToken.Decode(token, "/registry/pods/"));
    }

    [Fact]
    public void Token_ForAnotherPrefix_IsInvalid()
    {
        var token = new EtcdContinueToken(42, "/registry/pods/a").Encode();
        var e = Assert.Throws<StoreException>(() => EtcdContinueToken.Decode(token, "/registry/secrets/"));
        Assert.Equal(StoreErrorKind.InvalidContinue, e.Kind);
    }

    [Theory]
    [InlineData("not-a-token!")]
    [InlineData("e30")]
    [InlineData("")]
    public void Garbage_IsInvalid(string token)
    {
        var e = Assert.Throws<StoreException>(() => EtcdContinueToken.Decode(token, "/"));
        Assert.Equal(StoreErrorKind.InvalidContinue, e.Kind);
    }
}
