using Skiff.HollowNodes.Nodes;

namespace Skiff.HollowNodes.Tests.Nodes;

public sealed class NodeTaintsTests
{
    [Fact]
    public void Parse_ReadsKeyValueEffectAndKeyOnly()
    {
        var taints = NodeTaints.Parse("dedicated=gpu:NoSchedule,example.com/spot:PreferNoSchedule, drain=yes:NoExecute");

        Assert.Collection(
            taints,
            t => Assert.Equal(("dedicated", "gpu", "NoSchedule"), (t.Key, t.Value, t.Effect)),
            t => Assert.Equal(("example.com/spot", (string?)null, "PreferNoSchedule"), (t.Key, t.Value, t.Effect)),
            t => Assert.Equal(("drain", "yes", "NoExecute"), (t.Key, t.Value, t.Effect)));
    }

    [Theory]
    [InlineData("key=value", "is not of the form key[=value]:Effect")]
    [InlineData("key=value:NoWay", "effect \"NoWay\" must be one of NoSchedule, PreferNoSchedule, NoExecute")]
    [InlineData(":NoSchedule", "is not of the form")]
    [InlineData("bad key=v:NoSchedule", "key \"bad key\"")]
    [InlineData("k=v v:NoSchedule", "value \"v v\"")]
    [InlineData("k=a:NoSchedule,k=b:NoSchedule", "\"k\" with effect NoSchedule is given twice")]
    public void Parse_BadInput_SaysWhatIsWrong(string text, string expected)
    {
        var e = Assert.Throws<OptionException>(() => NodeTaints.Parse(text));

        Assert.StartsWith("--taints: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameKeyWithDifferentEffects_IsAllowed() =>
        Assert.Equal(2, NodeTaints.Parse("k=v:NoSchedule,k=v:NoExecute").Count);
}
