using Skiff.Controllers.NodeIpam;

namespace Skiff.Controllers.Tests.NodeIpam;

public sealed class CidrSetTests
{
    [Fact]
    public void Allocate_HandsOutConsecutiveSubnets()
    {
        var set = new CidrSet("10.42.0.0/16");
        Assert.Equal(256, set.Capacity);
        Assert.Equal("10.42.0.0/24", set.Allocate());
        Assert.Equal("10.42.1.0/24", set.Allocate());
    }

    [Fact]
    public void Allocate_SkipsOccupiedSubnets()
    {
        var set = new CidrSet("10.42.0.0/16");
        Assert.True(set.Occupy("10.42.0.0/24"));
        Assert.Equal("10.42.1.0/24", set.Allocate());
    }

    [Theory]
    [InlineData("100.64.0.0/24")]
    [InlineData("10.42.0.0/25")]
    [InlineData("10.42.0.128/24")]
    [InlineData("not-a-cidr")]
    public void Occupy_OutsideTheRange_IsNotTracked(string cidr)
    {
        Assert.False(new CidrSet("10.42.0.0/16").Occupy(cidr));
    }

    [Fact]
    public void FullRange_AllocatesNothing_UntilASubnetIsReleased()
    {
        var set = new CidrSet("10.42.0.0/23");
        Assert.Equal("10.42.0.0/24", set.Allocate());
        Assert.Equal("10.42.1.0/24", set.Allocate());
        Assert.Null(set.Allocate());

        set.Release("10.42.0.0/24");
        Assert.Equal("10.42.0.0/24", set.Allocate());
    }
}
