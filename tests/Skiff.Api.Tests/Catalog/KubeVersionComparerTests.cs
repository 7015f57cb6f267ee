using Skiff.Api.Catalog;

namespace Skiff.Api.Tests.Catalog;

public sealed class KubeVersionComparerTests
{
    [Theory]
    [InlineData("v1,v2", "v2,v1")]
    [InlineData("v1alpha1,v1beta1,v1", "v1,v1beta1,v1alpha1")]
    [InlineData("v10,v2,v11alpha2,v12alpha1", "v10,v2,v12alpha1,v11alpha2")]
    [InlineData("foo1,v1,bar,v3beta1", "v1,v3beta1,bar,foo1")]
    [InlineData("v1beta1,v1beta2,v2beta1", "v2beta1,v1beta2,v1beta1")]
    public void Order_PutsMostPreferredFirst(string input, string expected)
    {
        var ordered = input.Split(',').Order(KubeVersionComparer.Instance);

        Assert.Equal(expected.Split(','), ordered);
    }
}
