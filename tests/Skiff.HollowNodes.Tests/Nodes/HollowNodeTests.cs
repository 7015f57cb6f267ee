using Skiff.HollowNodes.Nodes;

namespace Skiff.HollowNodes.Tests.Nodes;

public sealed class HollowNodeTests
{
    [Fact]
    public void AllocateIp_HandsOutEachOffsetOnceUntilFull()
    {
        var node = new HollowNode(0, "n");

        var offsets = Enumerable.Range(0, 253).Select(_ => node.AllocateIp()).ToList();

        Assert.Equal(Enumerable.Range(2, 253).Select(i => (int?)i), offsets);
        Assert.Null(node.AllocateIp());
    }

    [Fact]
    public void AllocateIp_ReusesReleasedAndSkipsReserved()
    {
        var node = new HollowNode(0, "n");
        node.ReserveIp(2);
        var first = node.AllocateIp();
        node.AllocateIp();
        node.ReleaseIp(first!.Value);

        Assert.Equal(3, first);
        Assert.Equal(3, node.AllocateIp());
    }

    [Theory]
    [InlineData(5, "100.64.5.7", 7)]
    [InlineData(5, "100.64.6.7", null)]
    [InlineData(5, "100.64.5.1", null)]
    [InlineData(5, "100.64.5.x", null)]
    [InlineData(5, null, null)]
    public void PodOffset_AcceptsOnlyHostAddressesOfTheNodesCidr(int index, string? ip, int? expected) =>
        Assert.Equal(expected, NodeAddressing.PodOffset(index, ip));

    [Fact]
    public void PodIp_IsInsideThePodCidr() =>
        Assert.Equal("100.65.4.9", NodeAddressing.PodIp(260, 9));
}
