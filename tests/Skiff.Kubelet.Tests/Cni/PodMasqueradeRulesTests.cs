using System.Net;
using Skiff.Kubelet.Cni;

namespace Skiff.Kubelet.Tests.Cni;

public sealed class PodMasqueradeRulesTests
{
    private static PodMasqueradeRules Rules(string podCidr, string? clusterCidr = null, string bridge = "cni0") =>
        new(bridge, IPNetwork.Parse(podCidr), clusterCidr is null ? null : IPNetwork.Parse(clusterCidr));

    private static string Line(IReadOnlyList<string> args) => string.Join(' ', args);

    [Fact]
    public void Chain_IsNamedAfterTheBridgeAndFitsIptablesLimit()
    {
        var rules = Rules("10.42.0.0/24", bridge: "skt0123456789ab");

        Assert.Equal("SKIFF-MASQ-skt0123456789ab", rules.Chain);
        Assert.True(rules.Chain.Length <= 28);
    }

    [Fact]
    public void ChainRules_ReturnForNonPodSourcesPodAndClusterDestinationsAndMulticast_ThenMasquerade()
    {
        var lines = Rules("10.42.3.0/24", "10.42.0.0/16").ChainRules().Select(Line).ToArray();

        Assert.Equal(
        [
            "-w -t nat -A SKIFF-MASQ-cni0 ! -s 10.42.3.0/24 -j RETURN",
            "-w -t nat -A SKIFF-MASQ-cni0 -d 10.42.3.0/24 -j RETURN",
            "-w -t nat -A SKIFF-MASQ-cni0 -d 10.42.0.0/16 -j RETURN",
            "-w -t nat -A SKIFF-MASQ-cni0 -d 224.0.0.0/4 -j RETURN",
            "-w -t nat -A SKIFF-MASQ-cni0 -j MASQUERADE",
        ], lines);
    }

    [Fact]
    public void ChainRules_WithoutClusterCidr_ExemptOnlyThePodCidr()
    {
        var lines = Rules("10.42.3.0/24").ChainRules().Select(Line).ToArray();

        Assert.Equal(4, lines.Length);
        Assert.Contains("-w -t nat -A SKIFF-MASQ-cni0 -d 10.42.3.0/24 -j RETURN", lines);
        Assert.Equal("-w -t nat -A SKIFF-MASQ-cni0 -j MASQUERADE", lines[^1]);
    }

    [Fact]
    public void ChainRules_ClusterCidrOfTheOtherFamily_IsIgnored()
    {
        var rules = Rules("fd00:42:0:3::/64", "10.42.0.0/16");

        Assert.Null(rules.ClusterCidr);
        Assert.True(rules.IsIpv6);
        Assert.Contains("-w -t nat -A SKIFF-MASQ-cni0 -d ff00::/8 -j RETURN", rules.ChainRules().Select(Line));
    }

    [Fact]
    public void Jump_MatchesNoAddressSoItSurvivesACidrChange()
    {
        var before = Rules("10.42.3.0/24", "10.42.0.0/16", "skt1");
        var after = Rules("10.43.7.0/24", "10.43.0.0/16", "skt1");

        Assert.Equal(
            "-w -t nat -A POSTROUTING -m comment --comment skiff: masquerade pods on skt1 -j SKIFF-MASQ-skt1",
            Line(before.AppendJump()));
        Assert.Equal(before.CheckJump(), after.CheckJump());
        Assert.Equal("-C", before.CheckJump()[3]);
        Assert.Equal("-D", PodMasqueradeRules.DeleteJump("skt1")[3]);
        Assert.Equal(before.AppendJump().Skip(4), PodMasqueradeRules.DeleteJump("skt1").Skip(4));
    }
}
