using k8s.Models;
using Skiff.Kubelet.Pods;

namespace Skiff.Kubelet.Tests.Pods;

public sealed class DnsConfigBuilderTests
{
    private static V1Pod Pod(string? policy, bool hostNetwork = false, V1PodDNSConfig? config = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "shop" },
        Spec = new V1PodSpec { DnsPolicy = policy, HostNetwork = hostNetwork, DnsConfig = config, Containers = [] },
    };

    [Fact]
    public void ClusterFirst_UsesClusterDnsAndSearchPath()
    {
        var dns = DnsConfigBuilder.Build(Pod("ClusterFirst"), "10.43.0.10", "cluster.local", "/nonexistent");
        Assert.Equal(["10.43.0.10"], dns.Servers);
        Assert.Equal(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"], dns.Searches);
        Assert.Equal(["ndots:5"], dns.Options);
    }

    [Fact]
    public void Default_ReadsHostResolvConf()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "# comment\nnameserver 192.0.2.53\nsearch example.com\noptions edns0\n");
            var dns = DnsConfigBuilder.Build(Pod("Default"), "10.43.0.10", "cluster.local", file);
            Assert.Equal(["192.0.2.53"], dns.Servers);
            Assert.Equal(["example.com"], dns.Searches);
            Assert.Equal(["edns0"], dns.Options);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ClusterFirstOnHostNetwork_FallsBackToHost()
    {
        var dns = DnsConfigBuilder.Build(Pod(null, hostNetwork: true), "10.43.0.10", "cluster.local", "/nonexistent");
        Assert.Empty(dns.Servers);
    }

    [Fact]
    public void None_TakesOnlyDnsConfig_OptionsOverrideByName()
    {
        var dns = DnsConfigBuilder.Build(Pod("None", config: new V1PodDNSConfig
        {
            Nameservers = ["1.1.1.1"],
            Searches = ["a.example"],
            Options = [new V1PodDNSConfigOption { Name = "ndots", Value = "2" }],
        }), "10.43.0.10", "cluster.local", "/nonexistent");
        Assert.Equal(["1.1.1.1"], dns.Servers);
        Assert.Equal(["ndots:2"], dns.Options);
    }
}
