using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.NodeResourcesFit;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.NodeResourcesFit;

public sealed class NodeResourcesFitPluginTests
{
    public static TheoryData<string, V1Pod, NodeInfo, string> FilterCases => new()
    {
        { "no requests on an empty node", Pod(), Info(SizedNode("n1", "1", "1Gi", "10")), "n1: ok" },
        { "fits exactly", Pod().Requests("1", "1Gi"), Info(SizedNode("n1", "1", "1Gi", "10")), "n1: ok" },
        { "cpu short", Pod().Requests("2"), Info(SizedNode("n1", "1", "1Gi", "10")), "n1: Insufficient cpu" },
        { "cpu and memory short", Pod().Requests("2", "2Gi"), Info(SizedNode("n1", "1", "1Gi", "10")), "n1: Insufficient cpu, Insufficient memory" },
        { "existing pods use the room", Pod().Requests("600m"), Info(SizedNode("n1", "1", "1Gi", "10"), Pod("e").Requests("500m")), "n1: Insufficient cpu" },
        { "pod slots exhausted", Pod(), Info(SizedNode("n1", "1", "1Gi", "1"), Pod("e")), "n1: Too many pods" },
        { "pod slots and cpu", Pod().Requests("2"), Info(SizedNode("n1", "1", "1Gi", "1"), Pod("e")), "n1: Too many pods, Insufficient cpu" },
        {
            "ephemeral storage short",
            Pod().Requests(null, null, ("ephemeral-storage", "2Gi")),
            Info(SizedNode("n1", "1", "1Gi", "10").WithAllocatable("ephemeral-storage", "1Gi")),
            "n1: Insufficient ephemeral-storage"
        },
        { "extended resource missing on node", Pod().Requests(null, null, ("example.com/gpu", "1")), Info(Node("n1")), "n1: Insufficient example.com/gpu" },
        {
            "extended resource available",
            Pod().Requests(null, null, ("example.com/gpu", "1")),
            Info(Node("n1").WithAllocatable("example.com/gpu", "2")),
            "n1: ok"
        },
        { "big init container counts", InitContainer(Pod().Requests("100m"), "2"), Info(SizedNode("n1", "1", "1Gi", "10")), "n1: Insufficient cpu" },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_ReportsEveryInsufficientResource(string name, V1Pod pod, NodeInfo node, string expected)
    {
        var results = PluginRunner.Filter(new NodeResourcesFitPlugin(), pod, node);

        Assert.True(expected == PluginRunner.Describe(results), $"{name}: {PluginRunner.Describe(results)}");
    }

    [Theory]
    [InlineData("example.com/gpu", null, "n1: ok")]
    [InlineData(null, "example.com", "n1: ok")]
    [InlineData(null, "other.io", "n1: Insufficient example.com/gpu")]
    public void Filter_SkipsIgnoredExtendedResources(string? ignored, string? ignoredGroup, string expected)
    {
        var plugin = new NodeResourcesFitPlugin(new NodeResourcesFitOptions
        {
            IgnoredResources = ignored is null ? [] : [ignored],
            IgnoredResourceGroups = ignoredGroup is null ? [] : [ignoredGroup],
        });

        var results = PluginRunner.Filter(plugin, Pod().Requests(null, null, ("example.com/gpu", "1")), Info(Node("n1")));

        Assert.Equal(expected, PluginRunner.Describe(results));
    }

    [Fact]
    public void Filter_NeverIgnoresNativeResources()
    {
        var plugin = new NodeResourcesFitPlugin(new NodeResourcesFitOptions { IgnoredResources = ["hugepages-2Mi"], IgnoredResourceGroups = ["kubernetes.io"] });

        var results = PluginRunner.Filter(plugin, Pod().Requests(null, null, ("hugepages-2Mi", "2Mi")), Info(Node("n1")));

        Assert.Equal("n1: Insufficient hugepages-2Mi", PluginRunner.Describe(results));
    }

    public static TheoryData<string, string, V1Pod, string> ScoreCases => new()
    {
        // cpu (4000-3000)/4000 = 25, memory (10000-5000)/10000 = 50 → 37.
        { "least allocated", nameof(ScoringStrategyType.LeastAllocated), Pod().Requests("3", "5000"), "big=37, small=0" },

        // cpu 75, memory 50 → 62; the small node is over capacity and counts as full.
        { "most allocated", nameof(ScoringStrategyType.MostAllocated), Pod().Requests("3", "5000"), "big=62, small=100" },

        // Curve 0→0, 100→10 (×10): 75 and 50 → 62.5, rounded away from zero.
        { "requested to capacity ratio", nameof(ScoringStrategyType.RequestedToCapacityRatio), Pod().Requests("3", "5000"), "big=63, small=100" },

        // No requests count as 100m and 200Mi: cpu 97 and 90, memory over capacity (0) on both nodes.
        { "least allocated with default requests", nameof(ScoringStrategyType.LeastAllocated), Pod(), "big=48, small=45" },
    };

    [Theory]
    [MemberData(nameof(ScoreCases))]
    public void Score_FollowsTheConfiguredStrategy(string name, string strategy, V1Pod pod, string expected)
    {
        NodeInfo[] nodes = [Info(SizedNode("big", "4", "10000", "10")), Info(SizedNode("small", "1", "1000", "10"))];

        var scores = PluginRunner.Score(new NodeResourcesFitPlugin(new NodeResourcesFitOptions { ScoringStrategy = Enum.Parse<ScoringStrategyType>(strategy) }), pod, nodes);

        Assert.True(expected == PluginRunner.Describe(scores), $"{name}: {PluginRunner.Describe(scores)}");
    }

    [Fact]
    public void Score_WeighsResources()
    {
        var plugin = new NodeResourcesFitPlugin(new NodeResourcesFitOptions { Resources = [new("cpu", 3), new("memory", 1)] });

        var scores = PluginRunner.Score(plugin, Pod().Requests("3", "5000"), [Info(SizedNode("big", "4", "10000", "10"))]);

        // (25×3 + 50×1) / 4 = 31.
        Assert.Equal(31, scores["big"]);
    }

    private static V1Pod InitContainer(V1Pod pod, string cpu)
    {
        pod.Spec.InitContainers =
        [
            new V1Container
            {
                Name = "init",
                Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) } },
            },
        ];
        return pod;
    }
}
