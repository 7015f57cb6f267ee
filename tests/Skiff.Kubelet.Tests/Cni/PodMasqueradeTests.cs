using System.Net;
using Skiff.Kubelet.Cni;

namespace Skiff.Kubelet.Tests.Cni;

public sealed class PodMasqueradeTests
{
    private static PodMasqueradeRules Rules(string podCidr = "10.42.3.0/24") =>
        new("skt1", IPNetwork.Parse(podCidr), IPNetwork.Parse("10.42.0.0/16"));

    [Fact]
    public void Ensure_TwiceAsAfterARestart_LeavesOneJumpAndOneCopyOfTheChain()
    {
        var nat = new FakeNatTable();

        PodMasquerade.Ensure(Rules(), nat.Run);
        PodMasquerade.Ensure(Rules(), nat.Run);

        Assert.Single(nat.Chains["POSTROUTING"]);
        Assert.Equal(Rules().ChainRules().Count, nat.Chains["SKIFF-MASQ-skt1"].Count);
    }

    [Fact]
    public void Ensure_WithANewPodCidr_ReplacesTheChainsRules()
    {
        var nat = new FakeNatTable();

        PodMasquerade.Ensure(Rules("10.42.3.0/24"), nat.Run);
        PodMasquerade.Ensure(Rules("10.42.9.0/24"), nat.Run);

        var chain = nat.Chains["SKIFF-MASQ-skt1"];
        Assert.DoesNotContain(chain, rule => rule.Contains("10.42.3.0/24", StringComparison.Ordinal));
        Assert.Contains(chain, rule => rule.Contains("10.42.9.0/24", StringComparison.Ordinal));
        Assert.Single(nat.Chains["POSTROUTING"]);
    }

    [Fact]
    public void Ensure_WhenARuleIsRefused_ThrowsWithIptablesMessage()
    {
        var nat = new FakeNatTable { RefuseAppendsTo = "SKIFF-MASQ-skt1" };

        var e = Assert.Throws<InvalidOperationException>(() => PodMasquerade.Ensure(Rules(), nat.Run));

        Assert.Contains("refused", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_DeletesTheJumpAndTheChain_AndIsANoOpWhenGone()
    {
        var nat = new FakeNatTable();
        nat.Chains["POSTROUTING"].Add("other");
        PodMasquerade.Ensure(Rules(), nat.Run);

        PodMasquerade.Remove("skt1", nat.Run);
        PodMasquerade.Remove("skt1", nat.Run);

        Assert.False(nat.Chains.ContainsKey("SKIFF-MASQ-skt1"));
        Assert.Equal(["other"], nat.Chains["POSTROUTING"]);
    }

    /// <summary>Just enough of iptables' nat table: chains of rule texts, with -N/-F/-X/-A/-C/-D and their exit codes.</summary>
    private sealed class FakeNatTable
    {
        public Dictionary<string, List<string>> Chains { get; } = new() { ["POSTROUTING"] = [] };

        public string? RefuseAppendsTo { get; init; }

        public (int ExitCode, string Error) Run(IReadOnlyList<string> args)
        {
            Assert.Equal(["-w", "-t", "nat"], args.Take(3));
            var operation = args[3];
            var chain = args[4];
            var rule = string.Join(' ', args.Skip(5));
            var exists = Chains.TryGetValue(chain, out var rules);
            return operation switch
            {
                "-N" when exists => (1, "Chain already exists."),
                "-N" => Ok(() => Chains[chain] = []),
                "-F" when exists => Ok(rules!.Clear),
                "-X" when exists && rules!.Count == 0 => Ok(() => Chains.Remove(chain)),
                "-A" when chain == RefuseAppendsTo => (2, "refused"),
                "-A" when exists => Ok(() => rules!.Add(rule)),
                "-C" when exists && rules!.Contains(rule) => (0, ""),
                "-D" when exists && rules!.Remove(rule) => (0, ""),
                _ => (1, "no such rule or chain"),
            };
        }

        private static (int, string) Ok(Action change)
        {
            change();
            return (0, "");
        }
    }
}
