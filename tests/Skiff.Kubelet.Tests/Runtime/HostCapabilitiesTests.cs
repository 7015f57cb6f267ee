using Skiff.Kubelet.Runtime;

namespace Skiff.Kubelet.Tests.Runtime;

public sealed class HostCapabilitiesTests
{
    [Theory]
    [InlineData("000001ffffffffff", true)]
    [InlineData("000001fffeffffff", false)]
    public void HasEffective_ReadsTheCapabilityBitFromCapEff(string capEff, bool expected)
    {
        string[] status = ["Name:\tskiff", "CapPrm:\t000001ffffffffff", $"CapEff:\t{capEff}"];

        Assert.Equal(expected, HostCapabilities.HasEffective(24, status));
    }
}
