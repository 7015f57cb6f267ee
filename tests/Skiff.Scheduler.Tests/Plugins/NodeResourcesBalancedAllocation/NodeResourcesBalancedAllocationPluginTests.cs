using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.NodeResourcesBalancedAllocation;
using Skiff.Scheduler.Plugins.NodeResourcesFit;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.NodeResourcesBalancedAllocation;

public sealed class NodeResourcesBalancedAllocationPluginTests
{
    public static TheoryData<string, V1Pod, NodeInfo, long> Cases => new()
    {
        // cpu 1000/4000 = .25, memory 5000/10000 = .5: std .125 → 87.
        { "uneven use", Pod().Requests("1", "5000"), Info(SizedNode("n1", "4", "10000", "10")), 87 },
        { "even use", Pod().Requests("2", "5000"), Info(SizedNode("n1", "4", "10000", "10")), 100 },

        // Existing requests count as they are (not as non-zero defaults): cpu (1000+1000)/4000 = .5, memory .5.
        { "existing pods count", Pod().Requests("1", "2500"), Info(SizedNode("n1", "4", "10000", "10"), Pod("e").Requests("1", "2500")), 100 },

        // Fractions are capped at 1: cpu 1, memory .5 → std .25 → 75.
        { "over capacity caps at one", Pod().Requests("8", "5000"), Info(SizedNode("n1", "4", "10000", "10")), 75 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Score_IsOneMinusTheStandardDeviationOfUsedFractions(string name, V1Pod pod, NodeInfo node, long expected)
    {
        var scores = PluginRunner.Score(new NodeResourcesBalancedAllocationPlugin(), pod, [node]);

        Assert.True(expected == scores["n1"], $"{name}: {scores["n1"]}");
    }

    [Fact]
    public void Score_UsesPopulationStandardDeviationForThreeResources()
    {
        var plugin = new NodeResourcesBalancedAllocationPlugin(new NodeResourcesBalancedAllocationOptions
        {
            Resources = [new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1), new ResourceSpec("example.com/gpu", 1)],
        });
        var node = Info(SizedNode("n1", "4", "10000", "10").WithAllocatable("example.com/gpu", "4"));

        // Fractions .25, .5, 1: mean 7/12, std ≈ .3118 → 68.
        var scores = PluginRunner.Score(plugin, Pod().Requests("1", "5000", ("example.com/gpu", "4")), [node]);

        Assert.Equal(68, scores["n1"]);
    }

    [Fact]
    public void PreScore_SkipsBestEffortPods()
    {
        var status = new NodeResourcesBalancedAllocationPlugin().PreScore(new CycleState(), Pod(), [Info(Node("n1"))]);

        Assert.Equal(StatusCode.Skip, status.Code);
    }
}
