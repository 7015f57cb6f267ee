using System.Net;
using System.Text.Json.Nodes;
using Skiff.Kubelet.Cni;

namespace Skiff.Kubelet.Tests.Cni;

public sealed class CniConfigBuilderTests
{
    private static CniNetworkOptions Options(string cidr, string bridge = "cni0") => new()
    {
        PodCidr = IPNetwork.Parse(cidr),
        BridgeName = bridge,
        IpamDataDir = "/var/lib/skiff/agent/cni/networks",
    };

    [Fact]
    public void Build_ChainsBridgePortmapAndLoopbackInThatOrder()
    {
        var config = CniConfigBuilder.Build(Options("10.42.0.0/24"));

        Assert.Equal("1.0.0", (string?)config["cniVersion"]);
        Assert.Equal("skiff", (string?)config["name"]);
        var types = config["plugins"]!.AsArray().Select(p => (string)p!["type"]!).ToArray();
        Assert.Equal(["bridge", "portmap", "loopback"], types);
    }

    [Fact]
    public void Build_BridgeIsGatewayWithoutPerPodMasqueradeAndHostLocalAddressesFromThePodCidr()
    {
        var bridge = CniConfigBuilder.Build(Options("10.42.3.0/24", "skt0"))["plugins"]![0]!;

        Assert.Equal("skt0", (string?)bridge["bridge"]);
        Assert.True((bool)bridge["isGateway"]!);
        // The kubelet's node-wide PodMasquerade rule replaces the plugin's per-sandbox chains.
        Assert.False((bool)bridge["ipMasq"]!);
        var ipam = bridge["ipam"]!;
        Assert.Equal("host-local", (string?)ipam["type"]);
        Assert.Equal("/var/lib/skiff/agent/cni/networks", (string?)ipam["dataDir"]);
        Assert.Equal("10.42.3.0/24", (string?)ipam["ranges"]![0]![0]!["subnet"]);
        Assert.Equal("0.0.0.0/0", (string?)ipam["routes"]![0]!["dst"]);
    }

    [Fact]
    public void Build_PortmapTakesPortMappingsAndMasqueradesHairpinTraffic()
    {
        var portmap = CniConfigBuilder.Build(Options("10.42.0.0/24"))["plugins"]![1]!;

        Assert.True((bool)portmap["capabilities"]!["portMappings"]!);
        Assert.True((bool)portmap["snat"]!);
    }

    [Fact]
    public void Build_Ipv6Cidr_RoutesTheIpv6Default()
    {
        var ipam = CniConfigBuilder.Build(Options("fd00:42::/64"))["plugins"]![0]!["ipam"]!;

        Assert.Equal("fd00:42::/64", (string?)ipam["ranges"]![0]![0]!["subnet"]);
        Assert.Equal("::/0", (string?)ipam["routes"]![0]!["dst"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-name-longer-than-15")]
    [InlineData("has space")]
    [InlineData("with/slash")]
    public void Build_InvalidBridgeName_Throws(string bridge)
    {
        Assert.Throws<ArgumentException>(() => CniConfigBuilder.Build(Options("10.42.0.0/24", bridge)));
    }

    [Fact]
    public void Build_CidrWithoutRoomForPods_Throws()
    {
        Assert.Throws<ArgumentException>(() => CniConfigBuilder.Build(Options("10.42.0.0/31")));
    }

    [Fact]
    public void Render_IsJsonThatParsesBackToTheSameConfig()
    {
        var rendered = CniConfigBuilder.Render(Options("10.42.0.0/24"));

        Assert.True(JsonNode.DeepEquals(CniConfigBuilder.Build(Options("10.42.0.0/24")), JsonNode.Parse(rendered)));
    }
}
