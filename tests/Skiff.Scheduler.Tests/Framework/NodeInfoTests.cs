using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Tests.Fakes;
using Skiff.Scheduler.Tests.Plugins;

namespace Skiff.Scheduler.Tests.Framework;

public sealed class NodeInfoTests
{
    [Fact]
    public void SetNode_CapturesWhatFiltersAndScoresRead()
    {
        var node = Objects.Node("a", labels: new Dictionary<string, string> { ["zone"] = "z1" });
        node.Spec = new V1NodeSpec
        {
            Unschedulable = true,
            Taints =
            [
                new V1Taint { Key = "soft", Effect = "PreferNoSchedule" },
                new V1Taint { Key = "hard", Effect = "NoSchedule" },
                new V1Taint { Key = "evict", Effect = "NoExecute" },
            ],
        };

        var info = new NodeInfo(node);

        Assert.Equal("a", info.Name);
        Assert.True(info.Unschedulable);
        Assert.Equal(["hard", "evict"], info.BlockingTaints.Select(t => t.Key));
        Assert.Equal(["soft"], info.PreferNoScheduleTaints.Select(t => t.Key));
        Assert.Equal("z1", info.Labels!["zone"]);
        Assert.Equal(4000, info.Allocatable.MilliCpu);
    }

    [Fact]
    public void SetNode_WithAnUpdatedNode_ReplacesTheCapturedFacts()
    {
        var cordoned = Objects.Node("a", cpu: "2");
        cordoned.Spec = new V1NodeSpec { Unschedulable = true, Taints = [new V1Taint { Key = "hard", Effect = "NoSchedule" }] };
        var info = new NodeInfo(cordoned);
        var generation = info.Generation;

        info.SetNode(Objects.Node("a", cpu: "8", labels: new Dictionary<string, string> { ["zone"] = "z2" }));

        Assert.False(info.Unschedulable);
        Assert.Empty(info.BlockingTaints);
        Assert.Empty(info.PreferNoScheduleTaints);
        Assert.Equal("z2", info.Labels!["zone"]);
        Assert.Equal(8000, info.Allocatable.MilliCpu);
        Assert.True(info.Generation > generation);
    }

    [Fact]
    public void SetNode_ToNothing_LeavesNoFacts()
    {
        var node = Objects.Node("a");
        node.Spec = new V1NodeSpec { Unschedulable = true };
        var info = new NodeInfo(node);

        info.SetNode(null);

        Assert.Equal(string.Empty, info.Name);
        Assert.False(info.Unschedulable);
        Assert.Null(info.Labels);
        Assert.Equal(0, info.Allocatable.MilliCpu);
    }

    [Fact]
    public void Clone_KeepsTheFacts_AndCountsPodsApart()
    {
        var node = Objects.Node("a");
        node.Spec = new V1NodeSpec { Unschedulable = true, Taints = [new V1Taint { Key = "hard", Effect = "NoSchedule" }] };
        var info = Objects.NodeInfo(node, Objects.Pod("p", cpu: "1", nodeName: "a"));

        var copy = info.Clone();
        copy.AddPod(new PodInfo(Objects.Pod("q", cpu: "1", nodeName: "a")));

        Assert.Equal("a", copy.Name);
        Assert.True(copy.Unschedulable);
        Assert.Equal(["hard"], copy.BlockingTaints.Select(t => t.Key));
        Assert.Equal(4000, copy.Allocatable.MilliCpu);
        Assert.Equal(2000, copy.Requested.MilliCpu);
        Assert.Equal(1000, info.Requested.MilliCpu);
        Assert.Single(info.Pods);
    }

    [Fact]
    public void Counts_FollowPodsAndTheNode()
    {
        var info = new NodeInfo(Objects.Node("a", cpu: "4", memory: "16Gi", pods: "110"));
        var pod = Objects.Pod("p", cpu: "500m", nodeName: "a");

        info.AddPod(new PodInfo(pod));
        info.AddPod(new PodInfo(Objects.Pod("best-effort", nodeName: "a")));

        Assert.Equal(new FitCounts(2, 110, 4000, 16L << 30, 0, 500, 0, 0, 600, 400L << 20), info.Counts);

        info.RemovePod(pod);
        info.SetNode(Objects.Node("a", cpu: "8", memory: "32Gi", pods: "10"));

        Assert.Equal(new FitCounts(1, 10, 8000, 32L << 30, 0, 0, 0, 0, 100, 200L << 20), info.Counts);
        Assert.Equal(info.Counts, info.Clone().Counts);
    }

    [Fact]
    public void HasImages_OnlyOnceAnImageIsKnown()
    {
        var info = new NodeInfo(Objects.Node("a"));
        Assert.False(info.HasImages);
        Assert.Empty(info.ImageStates);
        Assert.False(info.HasImages);

        info.ImageStates["nginx:1.27"] = new ImageStateSummary(1 << 20, 1);

        Assert.True(info.HasImages);
        Assert.True(info.Clone().HasImages);
    }

    [Fact]
    public void PodsWithScoringAffinity_CountsPodsWhoseTermsScoreOthers()
    {
        var info = new NodeInfo(Objects.Node("a"));
        var antiOnly = TestPods.Pod("anti", "default", "app=x").PodAntiAffinity("zone", "app=x");
        var preferred = TestPods.Pod("pref", "default", "app=y").PreferredPodAntiAffinity(5, "zone", "app=y");
        var required = TestPods.Pod("req", "default", "app=z").PodAffinity("zone", "app=z");

        info.AddPod(new PodInfo(antiOnly));
        Assert.Equal(0, info.PodsWithScoringAffinity);
        info.AddPod(new PodInfo(preferred));
        info.AddPod(new PodInfo(required));
        Assert.Equal(2, info.PodsWithScoringAffinity);
        var copy = info.Clone();
        Assert.True(info.RemovePod(preferred));

        Assert.Equal(1, info.PodsWithScoringAffinity);
        Assert.Equal(2, copy.PodsWithScoringAffinity);
    }
}
