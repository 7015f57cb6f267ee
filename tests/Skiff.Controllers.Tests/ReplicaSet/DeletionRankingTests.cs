using k8s.Models;
using Skiff.Controllers.ReplicaSet;

namespace Skiff.Controllers.Tests.ReplicaSet;

public sealed class DeletionRankingTests
{
    private static readonly DateTime Now = ReplicaSetHarness.Start.UtcDateTime;

    public static TheoryData<string> Cases => [.. PairCases.Keys];

    // Each case: the pod to delete first, then the pod to keep; they differ only in the rule the case names.
    private static readonly Dictionary<string, Func<(V1Pod First, V1Pod Later)>> PairCases = new()
    {
        ["unscheduled before scheduled"] = () => (Objects.Pod("a"), Objects.Pod("b").OnNode("n1")),
        ["pending before unknown"] = () => (Objects.Pod("a").OnNode("n1"), Objects.Pod("b").OnNode("n1").InPhase("Unknown")),
        ["unknown before running"] = () => (Objects.Pod("a").OnNode("n1").InPhase("Unknown"), Objects.Pod("b").OnNode("n1").InPhase("Running")),
        ["not ready before ready"] = () => (Objects.Pod("a").OnNode("n1").InPhase("Running"), Objects.Pod("b").ReadySince(Now.AddHours(-1), "n1")),
        ["lower deletion cost first"] = () => (
            Objects.Pod("a").ReadySince(Now.AddHours(-1), "n1").WithAnnotation(DeletionRanking.DeletionCostAnnotation, "-5"),
            Objects.Pod("b").ReadySince(Now.AddHours(-1), "n1").WithAnnotation(DeletionRanking.DeletionCostAnnotation, "10")),
        ["cost beats readiness age"] = () => (
            Objects.Pod("a").ReadySince(Now.AddDays(-30), "n1"),
            Objects.Pod("b").ReadySince(Now.AddSeconds(-5), "n1").WithAnnotation(DeletionRanking.DeletionCostAnnotation, "1")),
        ["more recently ready first"] = () => (Objects.Pod("a").ReadySince(Now.AddSeconds(-10), "n1"), Objects.Pod("b").ReadySince(Now.AddHours(-10), "n1")),
        ["more restarts first"] = () => (Objects.Pod("a").OnNode("n1").WithRestarts(5), Objects.Pod("b").OnNode("n1").WithRestarts(1)),
        ["newer first"] = () => (Objects.Pod("a", created: Now.AddSeconds(-10)), Objects.Pod("b", created: Now.AddDays(-2))),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ranking_PutsTheLessValuablePodFirst(string name)
    {
        var (first, later) = PairCases[name]();

        // Both orders in, same answer out.
        Assert.Same(first, Assert.Single(DeletionRanking.PickForDeletion([first, later], [], 1, Now)));
        Assert.Same(first, Assert.Single(DeletionRanking.PickForDeletion([later, first], [], 1, Now)));
    }

    [Fact]
    public void Ranking_SameAgeBucket_IgnoresTheExactTime()
    {
        // 100 s and 101 s ago share a log2 bucket, so the newer pod is not preferred; uid order decides ("a" < "z").
        var newer = Objects.Pod("z", created: Now.AddSeconds(-100));
        var older = Objects.Pod("a", created: Now.AddSeconds(-101));

        Assert.Same(older, Assert.Single(DeletionRanking.PickForDeletion([newer, older], [], 1, Now)));
    }

    [Fact]
    public void Ranking_PrefersPodsOnNodesCrowdedWithRelatedPods()
    {
        var lonely = Objects.Pod("a").ReadySince(Now.AddHours(-1), "n1");
        var crowded = Objects.Pod("b").ReadySince(Now.AddHours(-1), "n2");
        var sibling = Objects.Pod("s", app: "web-v2").ReadySince(Now.AddHours(-1), "n2");

        Assert.Same(crowded, Assert.Single(DeletionRanking.PickForDeletion([lonely, crowded], [lonely, crowded, sibling], 1, Now)));
    }

    [Fact]
    public void Ranking_OrdersAMixedSetByEveryRule()
    {
        var pods = new[]
        {
            Objects.Pod("ready-old").ReadySince(Now.AddDays(-3), "n1"),
            Objects.Pod("ready-new").ReadySince(Now.AddSeconds(-3), "n1"),
            Objects.Pod("running-not-ready").OnNode("n1").InPhase("Running"),
            Objects.Pod("pending-on-node").OnNode("n1"),
            Objects.Pod("unscheduled"),
        };

        var order = DeletionRanking.PickForDeletion(pods, [], 4, Now).Select(p => p.Metadata.Name);

        Assert.Equal(["unscheduled", "pending-on-node", "running-not-ready", "ready-new"], order);
    }

    [Fact]
    public async Task ScaleDown_DeletesTheLowestRankedPods()
    {
        var rs = Objects.ReplicaSet(replicas: 2);
        var h = new ReplicaSetHarness().With(rs).With(
            Objects.Pod("ready", rs).ReadySince(Now.AddHours(-1)),
            Objects.Pod("cheap", rs).ReadySince(Now.AddHours(-1)).WithAnnotation(DeletionRanking.DeletionCostAnnotation, "-100"),
            Objects.Pod("unscheduled", rs),
            Objects.Pod("also-ready", rs).ReadySince(Now.AddHours(-1)));

        await h.SyncAsync();

        Assert.Equal(["cheap", "unscheduled"], h.Control.Deleted.Select(p => p.Metadata.Name).Order());
    }
}
