using k8s.Models;
using Skiff.Scheduler.Plugins.Shared;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;

namespace Skiff.Scheduler.Tests.Plugins.Shared;

public sealed class NodeSelectorTermMatcherTests
{
    [Theory]
    [InlineData("In", new[] { "a", "b" }, true)]
    [InlineData("In", new string[0], false)]
    [InlineData("NotIn", new[] { "a" }, false)]
    [InlineData("Exists", new string[0], true)]
    [InlineData("Exists", new[] { "a" }, false)]
    [InlineData("DoesNotExist", new string[0], false)]
    [InlineData("Gt", new[] { "1", "2" }, false)]
    [InlineData("Bogus", new[] { "a" }, false)]
    public void Matches_LabelExpressionsWithUpstreamValidation(string op, string[] values, bool expected)
    {
        var term = new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "zone", OperatorProperty = op, Values = values }] };

        Assert.Equal(expected, new NodeSelectorTermMatcher(term).Matches(Node("n1", "zone=a")));
    }

    [Theory]
    [InlineData("metadata.name", "In", "n1", true)]
    [InlineData("metadata.name", "NotIn", "n1", false)]
    [InlineData("metadata.name", "Exists", "n1", false)]
    [InlineData("metadata.uid", "In", "n1", false)]
    public void Matches_OnlyTheNodeNameField(string key, string op, string value, bool expected)
    {
        var term = new V1NodeSelectorTerm { MatchFields = [new V1NodeSelectorRequirement { Key = key, OperatorProperty = op, Values = [value] }] };

        Assert.Equal(expected, new NodeSelectorTermMatcher(term).Matches(Node("n1")));
    }
}
