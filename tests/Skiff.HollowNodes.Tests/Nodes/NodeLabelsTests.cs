using Skiff.HollowNodes.Nodes;

namespace Skiff.HollowNodes.Tests.Nodes;

public sealed class NodeLabelsTests
{
    [Fact]
    public void Parse_ReadsPairsWithPrefixedKeysAndEmptyValues()
    {
        var labels = NodeLabels.Parse("tier=gold, example.com/rack=r1,empty=");

        Assert.Equal(3, labels.Count);
        Assert.Equal("gold", labels["tier"]);
        Assert.Equal("r1", labels["example.com/rack"]);
        Assert.Equal("", labels["empty"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_NothingGiven_IsEmpty(string? text) => Assert.Empty(NodeLabels.Parse(text));

    [Theory]
    [InlineData("novalue", "\"novalue\" is not of the form key=value")]
    [InlineData("=v", "\"=v\" is not of the form key=value")]
    [InlineData("-bad=v", "key \"-bad\": name part")]
    [InlineData("Example.com/x=v", "key \"Example.com/x\": prefix part")]
    [InlineData("k=bad value", "value \"bad value\" of \"k\"")]
    [InlineData("a=1,a=2", "key \"a\" is given twice")]
    public void Parse_BadInput_SaysWhatIsWrong(string text, string expected)
    {
        var e = Assert.Throws<OptionException>(() => NodeLabels.Parse(text));

        Assert.StartsWith("--labels: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValueOver63Characters_IsRejected()
    {
        var e = Assert.Throws<OptionException>(() => NodeLabels.Parse("k=" + new string('a', 64)));

        Assert.Contains("at most 63 characters", e.Message, StringComparison.Ordinal);
    }
}
