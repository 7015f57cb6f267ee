using Skiff.Storage.Etcd;

namespace Skiff.Storage.Tests.Etcd;

public sealed class EtcdOptionsTests
{
    [Theory]
    [InlineData("http://10.0.0.1:2379", "10.0.0.1", 2379)]
    [InlineData("https://etcd.example:12379", "etcd.example", 12379)]
    [InlineData("10.0.0.2:2380", "10.0.0.2", 2380)]
    [InlineData("http://etcd", "etcd", 2379)]
    public void Endpoint_IsParsedToHostAndPort(string endpoint, string host, int port)
    {
        var address = Assert.Single(EtcdEndpoints.ToAddresses(new EtcdStoreOptions([endpoint])));
        Assert.Equal(host, address.EndPoint.Host);
        Assert.Equal(port, address.EndPoint.Port);
    }

    [Fact]
    public void Tls_IsOnForHttpsOrAnyCertificateFile()
    {
        Assert.False(EtcdEndpoints.UsesTls(new EtcdStoreOptions(["http://a:2379", "b:2379"])));
        Assert.True(EtcdEndpoints.UsesTls(new EtcdStoreOptions(["https://a:2379"])));
        Assert.True(EtcdEndpoints.UsesTls(new EtcdStoreOptions(["a:2379"]) { CaFile = "/ca.crt" }));
    }

    [Theory]
    [InlineData("ftp://a:2379")]
    [InlineData("http://a:2379,https://b:2379")]
    public void BadEndpoints_AreRejected(string endpoints)
    {
        var options = new EtcdStoreOptions(endpoints.Split(','));
        Assert.Throws<ArgumentException>(() =>
        {
            EtcdEndpoints.UsesTls(options);
            EtcdEndpoints.ToAddresses(options);
        });
    }

    [Fact]
    public void NoEndpoints_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => EtcdEndpoints.ToAddresses(new EtcdStoreOptions([])));
    }
}
