using System.Text.Json;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins;
using Skiff.Scheduler.Plugins.NodeResourcesFit;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins;

public sealed class DefaultPluginsTests
{
    [Theory]
    [InlineData("NodeUnschedulable")]
    [InlineData("NodeName")]
    [InlineData("TaintToleration")]
    [InlineData("NodeAffinity")]
    [InlineData("NodePorts")]
    [InlineData("NodeResourcesFit")]
    [InlineData("VolumeBinding")]
    [InlineData("PodTopologySpread")]
    [InlineData("InterPodAffinity")]
    [InlineData("NodeResourcesBalancedAllocation")]
    [InlineData("ImageLocality")]
    public void Registry_BuildsEachPluginWithoutInformers(string name)
    {
        var plugin = DefaultPlugins.CreateRegistry().Get(name)(null, new FrameworkHandle { Snapshot = Snapshot.From([]) });

        Assert.Equal(name, plugin.Name);
    }

    [Fact]
    public void NodeResourcesFit_ReadsUpstreamArgs()
    {
        var args = JsonDocument.Parse("""
            {"ignoredResources": ["example.com/gpu"],
             "scoringStrategy": {"type": "MostAllocated", "resources": [{"name": "cpu", "weight": 3}, {"name": "memory"}]}}
            """).RootElement;

        var options = NodeResourcesFitOptions.FromArgs(args);

        Assert.Equal(ScoringStrategyType.MostAllocated, options.ScoringStrategy);
        Assert.Equal([new ResourceSpec("cpu", 3), new ResourceSpec("memory", 1)], options.Resources);
        Assert.Equal(["example.com/gpu"], options.IgnoredResources);
    }

    [Fact]
    public void NodeAffinity_ReadsAddedAffinityFromArgs()
    {
        var args = JsonDocument.Parse("""
            {"addedAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
              {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["z1"]}]}]}}}
            """).RootElement;
        var plugin = DefaultPlugins.CreateRegistry().Get("NodeAffinity")(args, new FrameworkHandle { Snapshot = Snapshot.From([]) });

        var results = PluginRunner.Filter((IFilterPlugin)plugin, Pod(), Info(Node("a", "zone=z1")), Info(Node("b", "zone=z2")));

        Assert.Equal("a: ok; b: node(s) didn't match scheduler-enforced node affinity", PluginRunner.Describe(results));
    }
}
