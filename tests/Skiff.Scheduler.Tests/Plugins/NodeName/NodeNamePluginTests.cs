using Skiff.Scheduler.Plugins.NodeName;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.NodeName;

public sealed class NodeNamePluginTests
{
    [Theory]
    [InlineData(null, "n1: ok; n2: ok")]
    [InlineData("n1", "n1: ok; n2: node(s) didn't match the requested node name")]
    [InlineData("n3", "n1: node(s) didn't match the requested node name; n2: node(s) didn't match the requested node name")]
    public void Filter_AcceptsOnlyTheNamedNode(string? nodeName, string expected)
    {
        var pod = Pod();
        pod.Spec.NodeName = nodeName;

        var results = PluginRunner.Filter(new NodeNamePlugin(), pod, Info(Node("n1")), Info(Node("n2")));

        Assert.Equal(expected, PluginRunner.Describe(results));
    }
}
