using k8s.Models;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Config;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins;

/// <summary>The registered plugins under upstream's default profile, run by the framework's scheduling algorithm.</summary>
public sealed class DefaultProfileSchedulingTests
{
    [Fact]
    public void Schedule_PicksTheOnlyNodeThatPassesEveryFilter()
    {
        var result = Schedule(Pod().Requests("2").NodeSelector("disk", "ssd"));

        Assert.Null(result.FitError);
        Assert.Equal("big-ssd", result.SuggestedHost);
    }

    [Fact]
    public void Schedule_PrefersTheLeastLoadedOfEqualNodes()
    {
        var result = Schedule(Pod().Requests("100m").Tolerations(new V1Toleration { OperatorProperty = "Exists" }));

        // "tainted" is empty and as big as "big-ssd", which already runs a pod; "small" is nearly full.
        Assert.Equal("tainted", result.SuggestedHost);
    }

    [Fact]
    public void Schedule_CountsReasonsPerNodeInTheFailureMessage()
    {
        var result = Schedule(Pod().Requests("8"));

        Assert.Equal(
            "0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 3 Insufficient cpu.",
            result.FitError?.Message);
    }

    private static ScheduleResult Schedule(V1Pod pod)
    {
        var snapshot = Snapshot.From(
        [
            Info(SizedNode("small", "1", "4Gi", "110"), Pod("s").Requests("900m")),
            Info(SizedNode("big", "4", "16Gi", "110"), Pod("b").Requests("1")),
            Info(SizedNode("big-ssd", "4", "16Gi", "110", "disk=ssd"), Pod("c").Requests("1")),
            Info(SizedNode("tainted", "4", "16Gi", "110").WithTaints(Taint("dedicated", "db", "NoSchedule"))),
        ]);
        var profile = Profile.Build(DefaultProfile.Create(), DefaultPlugins.CreateRegistry(), new FrameworkHandle { Snapshot = snapshot });
        var algorithm = new ScheduleAlgorithm(new FeasibleNodeFinder(), new Random(1));

        return algorithm.Schedule(profile, new CycleState(), pod, snapshot, CancellationToken.None);
    }
}
