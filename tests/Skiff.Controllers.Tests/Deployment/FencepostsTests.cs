using k8s.Models;
using Skiff.Controllers.Deployment;

namespace Skiff.Controllers.Tests.Deployment;

public sealed class FencepostsTests
{
    [Theory]
    [InlineData("25%", "25%", 10, 3, 2)]
    [InlineData("25%", "25%", 4, 1, 1)]
    [InlineData("25%", "25%", 1, 1, 0)]
    [InlineData("10%", "10%", 5, 1, 0)]
    [InlineData("0%", "10%", 5, 0, 1)]
    [InlineData("0", "0%", 3, 0, 1)]
    [InlineData("1", "0", 3, 1, 0)]
    [InlineData("2", "3", 10, 2, 3)]
    [InlineData("50%", "50%", 3, 2, 1)]
    [InlineData("100%", "0", 7, 7, 0)]
    [InlineData("33%", "33%", 10, 4, 3)]
    public void Resolve_RoundsSurgeUpAndUnavailableDown_AndNeverBothZero(string surge, string unavailable, int desired, int expectedSurge, int expectedUnavailable)
    {
        var (s, u) = Fenceposts.Resolve(surge, unavailable, desired);

        Assert.Equal((expectedSurge, expectedUnavailable), (s, u));
    }

    [Fact]
    public void Resolve_WithBothAbsent_AllowsOneUnavailable()
    {
        Assert.Equal((0, 1), Fenceposts.Resolve(null, null, 5));
    }

    [Fact]
    public void Scaled_WithNonNumericString_Throws()
    {
        Assert.Throws<FormatException>(() => Fenceposts.Scaled("abc", 10, roundUp: true));
    }

    [Theory]
    [InlineData(5, "100%", 5)]
    [InlineData(0, "25%", 0)]
    public void MaxUnavailable_IsCappedAtReplicas_AndZeroForZeroReplicas(int replicas, string maxUnavailable, int expected)
    {
        var d = new DeploymentHarness().Create(replicas: replicas, maxSurge: "0", maxUnavailable: maxUnavailable);

        Assert.Equal(expected, Fenceposts.MaxUnavailable(d));
    }

    [Fact]
    public void Recreate_HasNoSurgeAndNoUnavailableBudget()
    {
        var d = new DeploymentHarness().Create(replicas: 4, strategy: "Recreate");

        Assert.Equal((0, 0), (Fenceposts.MaxSurge(d), Fenceposts.MaxUnavailable(d)));
    }

    [Fact]
    public void IntOrString_FromNumber_ResolvesAsAbsoluteCount()
    {
        IntOrString two = 2;

        Assert.Equal(2, Fenceposts.Scaled(two, 100, roundUp: true));
    }
}
