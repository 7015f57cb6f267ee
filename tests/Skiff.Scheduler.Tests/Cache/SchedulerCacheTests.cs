using k8s.Models;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Tests.Fakes;

namespace Skiff.Scheduler.Tests.Cache;

public sealed class SchedulerCacheTests
{
    private readonly ManualTime _time = new();
    private readonly SchedulerCache _cache;
    private readonly Snapshot _snapshot = new();

    public SchedulerCacheTests()
    {
        _cache = new SchedulerCache(_time, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void UpdateSnapshot_CopiesOnlyNodesThatChanged()
    {
        _cache.AddNode(Objects.Node("a"));
        _cache.AddNode(Objects.Node("b"));
        _cache.AddNode(Objects.Node("c"));
        _cache.UpdateSnapshot(_snapshot);
        Assert.Equal(3, _snapshot.LastUpdateCopied);
        var before = _snapshot.List().ToList();

        _cache.AddPod(Objects.Pod("p", cpu: "1", nodeName: "b"));
        _cache.UpdateSnapshot(_snapshot);

        Assert.Equal(1, _snapshot.LastUpdateCopied);
        var after = _snapshot.List();
        Assert.Same(before[0], after[0]);
        Assert.NotSame(before[1], after[1]);
        Assert.Same(before[2], after[2]);
        Assert.Equal(1000, _snapshot.Get("b")!.Requested.MilliCpu);
        Assert.Equal(0, before[1].Requested.MilliCpu);
    }

    [Fact]
    public void UpdatedNode_ReachesTheSnapshotWithItsNewFacts_AndLeavesTheOldCopyAlone()
    {
        _cache.AddNode(Objects.Node("a"));
        _cache.UpdateSnapshot(_snapshot);
        var before = _snapshot.Get("a")!;

        var cordoned = Objects.Node("a", cpu: "2");
        cordoned.Spec = new V1NodeSpec { Unschedulable = true, Taints = [new V1Taint { Key = "k", Effect = "NoExecute" }] };
        _cache.UpdateNode(cordoned);
        _cache.UpdateSnapshot(_snapshot);

        var after = _snapshot.Get("a")!;
        Assert.True(after.Unschedulable);
        Assert.Equal(["k"], after.BlockingTaints.Select(t => t.Key));
        Assert.Equal(2000, after.Allocatable.MilliCpu);
        Assert.False(before.Unschedulable);
        Assert.Empty(before.BlockingTaints);
        Assert.Equal(4000, before.Allocatable.MilliCpu);
    }

    [Fact]
    public void UpdateSnapshot_WithNoChanges_CopiesNothing()
    {
        _cache.AddNode(Objects.Node("a"));
        _cache.UpdateSnapshot(_snapshot);

        _cache.UpdateSnapshot(_snapshot);

        Assert.Equal(0, _snapshot.LastUpdateCopied);
        Assert.Single(_snapshot.List());
    }

    [Fact]
    public void RemovedNode_LeavesTheSnapshot()
    {
        var node = Objects.Node("a");
        _cache.AddNode(node);
        _cache.AddNode(Objects.Node("b"));
        _cache.UpdateSnapshot(_snapshot);

        _cache.RemoveNode(node);
        _cache.UpdateSnapshot(_snapshot);

        Assert.Equal(["b"], _snapshot.List().Select(n => n.Name));
        Assert.Null(_snapshot.Get("a"));
    }

    [Fact]
    public void AssumedPod_IsCountedUntilForgotten()
    {
        _cache.AddNode(Objects.Node("a"));
        var pod = Objects.Pod("p", cpu: "500m", nodeName: "a");

        _cache.AssumePod(pod);
        _cache.UpdateSnapshot(_snapshot);
        Assert.Equal(500, _snapshot.Get("a")!.Requested.MilliCpu);
        Assert.True(_cache.IsAssumed(pod));

        _cache.ForgetPod(pod);
        _cache.UpdateSnapshot(_snapshot);
        Assert.Equal(0, _snapshot.Get("a")!.Requested.MilliCpu);
    }

    [Fact]
    public void AssumedPod_ConfirmedByInformer_StaysAfterTheTtl()
    {
        _cache.AddNode(Objects.Node("a"));
        var pod = Objects.Pod("p", cpu: "500m", nodeName: "a");
        _cache.AssumePod(pod);
        _cache.FinishBinding(pod);

        _cache.AddPod(pod);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, _cache.CleanupExpiredAssumedPods());
        Assert.False(_cache.IsAssumed(pod));
        Assert.Equal(1, _cache.PodCount);
    }

    [Fact]
    public void AssumedPod_NeverConfirmed_ExpiresAfterBindingFinishedPlusTtl()
    {
        _cache.AddNode(Objects.Node("a"));
        var pod = Objects.Pod("p", cpu: "500m", nodeName: "a");
        _cache.AssumePod(pod);

        // No expiry while the binding call is still running.
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, _cache.CleanupExpiredAssumedPods());

        _cache.FinishBinding(pod);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, _cache.CleanupExpiredAssumedPods());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, _cache.CleanupExpiredAssumedPods());
        Assert.Equal(0, _cache.PodCount);
    }

    [Fact]
    public void PodsWithAffinity_AppearInTheAffinityList()
    {
        _cache.AddNode(Objects.Node("a"));
        _cache.AddNode(Objects.Node("b"));
        var pod = Objects.Pod("p", nodeName: "b");
        pod.Spec.Affinity = new V1Affinity
        {
            PodAntiAffinity = new V1PodAntiAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = [new V1PodAffinityTerm { TopologyKey = "kubernetes.io/hostname" }],
            },
        };
        _cache.UpdateSnapshot(_snapshot);
        Assert.Empty(_snapshot.HavePodsWithAffinityList());

        _cache.AddPod(pod);
        _cache.UpdateSnapshot(_snapshot);

        Assert.Equal(["b"], _snapshot.HavePodsWithAffinityList().Select(n => n.Name));
        Assert.Equal(["b"], _snapshot.HavePodsWithRequiredAntiAffinityList().Select(n => n.Name));
    }

    [Fact]
    public void ImageStates_CountNodesHavingTheImage()
    {
        var image = new V1ContainerImage { Names = ["busybox:1.36"], SizeBytes = 4_000_000 };
        var a = Objects.Node("a");
        a.Status.Images = [image];
        var b = Objects.Node("b");
        b.Status.Images = [image];
        _cache.AddNode(a);
        _cache.AddNode(b);
        _cache.AddNode(Objects.Node("c"));

        _cache.UpdateSnapshot(_snapshot);

        Assert.Equal(new Skiff.Scheduler.Framework.ImageStateSummary(4_000_000, 2), _snapshot.Get("a")!.ImageStates["busybox:1.36"]);
        Assert.Empty(_snapshot.Get("c")!.ImageStates);
    }

    [Fact]
    public void PodBoundBeforeItsNodeIsSeen_CountsOnceTheNodeArrives()
    {
        _cache.AddPod(Objects.Pod("p", cpu: "1", nodeName: "late"));
        _cache.UpdateSnapshot(_snapshot);
        Assert.Empty(_snapshot.List());

        _cache.AddNode(Objects.Node("late"));
        _cache.UpdateSnapshot(_snapshot);

        Assert.Equal(1000, _snapshot.Get("late")!.Requested.MilliCpu);
    }
}
