using Skiff.Kubelet.Containers;

namespace Skiff.Kubelet.Tests.Containers;

public sealed class VariableExpansionTests
{
    private static string? Lookup(string name) => name switch { "A" => "alpha", "B" => "beta", _ => null };

    [Theory]
    [InlineData("$(A)", "alpha")]
    [InlineData("x-$(A)-$(B)-y", "x-alpha-beta-y")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("$$(A)", "$(A)")]
    [InlineData("cost $5", "cost $5")]
    [InlineData("$(A", "$(A")]
    [InlineData("end$", "end$")]
    public void Expand_FollowsKubernetesRules(string input, string expected) =>
        Assert.Equal(expected, VariableExpansion.Expand(input, Lookup));
}
