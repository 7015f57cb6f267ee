using Skiff.Kubelet.Cni;
using Skiff.Kubelet.Runtime;

namespace Skiff.Kubelet.Tests.Runtime;

[Trait("Category", "Slow")]
[Collection(RuntimeCollection.Name)]
public sealed class PodMasqueradeEndToEndTests(RuntimeFixture fixture)
{
    private ContainerRuntime Runtime => fixture.Runtime;

    [Fact]
    public void ConfigurePodNetwork_Repeated_KeepsOneJumpAndOneMasqueradeRuleForThePodCidr()
    {
        Runtime.ConfigurePodNetwork(fixture.PodCidr);
        Runtime.ConfigurePodNetwork(fixture.PodCidr);

        var chain = PodMasqueradeRules.ChainName(fixture.BridgeName);
        var postrouting = Rules("POSTROUTING");
        Assert.Single(postrouting, rule => rule.EndsWith("-j " + chain, StringComparison.Ordinal));
        var own = Rules(chain);
        Assert.Single(own, rule => rule.EndsWith("-j MASQUERADE", StringComparison.Ordinal));
        Assert.Contains($"-A {chain} ! -s {fixture.PodCidr} -j RETURN", own);
        Assert.Contains($"-A {chain} -d {fixture.PodCidr} -j RETURN", own);
    }

    private static string[] Rules(string chain)
    {
        var start = new System.Diagnostics.ProcessStartInfo("iptables") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-w", "-t", "nat", "-S", chain })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return lines;
    }
}
