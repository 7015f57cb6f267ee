using System.Net;
using Skiff.Kubelet.Cni;

namespace Skiff.Kubelet.Tests.Cni;

public sealed class CniConfigWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skiff-cni-").FullName;

    private CniNetworkOptions Options(string cidr) => new()
    {
        PodCidr = IPNetwork.Parse(cidr),
        IpamDataDir = Path.Combine(_dir, "ipam"),
    };

    [Fact]
    public void Write_PutsTheOnlyConflistInTheDirectory()
    {
        var conf = Path.Combine(_dir, "net.d");

        Assert.True(CniConfigWriter.Write(conf, Options("10.42.0.0/24")));

        Assert.Equal([Path.Combine(conf, CniConfigWriter.FileName)], Directory.GetFiles(conf));
        Assert.Contains("10.42.0.0/24", File.ReadAllText(Path.Combine(conf, CniConfigWriter.FileName)), StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_dir, "ipam")));
    }

    [Fact]
    public void Write_SameConfigTwice_ReportsUnchanged()
    {
        var conf = Path.Combine(_dir, "net.d");
        CniConfigWriter.Write(conf, Options("10.42.0.0/24"));

        Assert.False(CniConfigWriter.Write(conf, Options("10.42.0.0/24")));
        Assert.True(CniConfigWriter.Write(conf, Options("10.42.1.0/24")));
        Assert.Contains("10.42.1.0/24", File.ReadAllText(Path.Combine(conf, CniConfigWriter.FileName)), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
