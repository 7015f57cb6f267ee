using k8s.Models;
using Skiff.Api.Quantities;

namespace Skiff.Api.Tests.Quantities;

public sealed class ResourceQuantityInteropTests
{
    [Theory]
    [InlineData("500m")]
    [InlineData("0.5Gi")]
    [InlineData("1e3")]
    [InlineData("128974848")]
    public void ToQuantity_KeepsTheAmount(string text)
    {
        Assert.Equal(Quantity.Parse(text), new ResourceQuantity(text).ToQuantity());
        Assert.Equal(Quantity.Parse(text).ToString(), Quantity.Parse(text).ToResourceQuantity().ToQuantity().ToString());
    }

    [Fact]
    public void Add_SumsPerResourceName()
    {
        var a = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("64Mi") }.ToQuantities();
        var b = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["nvidia.com/gpu"] = new("1") }.ToQuantities();

        var sum = ResourceQuantityInterop.Add(a, b);

        Assert.Equal("350m", sum["cpu"].ToString());
        Assert.Equal("64Mi", sum["memory"].ToString());
        Assert.Equal("1", sum["nvidia.com/gpu"].ToString());
        Assert.Empty(((IDictionary<string, ResourceQuantity>?)null).ToQuantities());
    }
}
