using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Tests.Fakes;

namespace Skiff.Scheduler.Tests.Framework;

public sealed class ScheduleAlgorithmTests
{
    [Fact]
    public void SelectHost_PicksTheHighestScore_AndSpreadsTiesAtRandom()
    {
        var algorithm = new ScheduleAlgorithm(new FeasibleNodeFinder(), new Random(7));
        NodeScore[] scores = [new("low", 10), new("top1", 50), new("top2", 50), new("top3", 50)];

        var picks = Enumerable.Range(0, 300).Select(_ => algorithm.SelectHost(scores)).ToList();

        Assert.DoesNotContain("low", picks);
        Assert.All(new[] { "top1", "top2", "top3" }, name => Assert.InRange(picks.Count(p => p == name), 50, 150));
    }

    [Fact]
    public void Schedule_ChoosesTheBestScoredFeasibleNode()
    {
        var nodes = new[] { "a", "b", "c", "d" }.Select(n => new NodeInfo(Objects.Node(n))).ToList();
        var snapshot = Snapshot.From(nodes);
        var profile = TestProfiles.Build(
            snapshot,
            (new FakeFilter("NoA", (_, n) => n.Name == "a" ? Status.Unschedulable("not a") : Status.Success), 0),
            (new FakeScore("PreferC", n => n.Name == "c" ? 100 : n.Name == "a" ? 100 : 10), 1));

        var result = new ScheduleAlgorithm(new FeasibleNodeFinder(), new Random(1)).Schedule(profile, new CycleState(), Objects.Pod("p"), snapshot, CancellationToken.None);

        Assert.Null(result.FitError);
        Assert.Equal("c", result.SuggestedHost);
        Assert.Equal(3, result.FeasibleNodes);
        Assert.Equal(4, result.EvaluatedNodes);
    }

    [Fact]
    public void Schedule_WhenNothingFits_ReportsEveryNodesReason()
    {
        var nodes = new[] { "a", "b" }.Select(n => new NodeInfo(Objects.Node(n, cpu: "1"))).ToList();
        var snapshot = Snapshot.From(nodes);
        var profile = TestProfiles.Build(snapshot, (new FakeCpuFit(), 0));

        var result = new ScheduleAlgorithm(new FeasibleNodeFinder(), new Random(1)).Schedule(profile, new CycleState(), Objects.Pod("p", cpu: "2"), snapshot, CancellationToken.None);

        Assert.Null(result.SuggestedHost);
        Assert.Equal("0/2 nodes are available: 2 Insufficient cpu.", result.FitError!.Message);
        Assert.Equal(["NodeResourcesFit"], result.FitError.Diagnosis.UnschedulablePlugins);
    }

    [Fact]
    public void Schedule_TriesTheNominatedNodeFirst()
    {
        var nodes = new[] { "a", "b" }.Select(n => new NodeInfo(Objects.Node(n))).ToList();
        var snapshot = Snapshot.From(nodes);
        var profile = TestProfiles.Build(snapshot, (new FakeScore("PreferA", n => n.Name == "a" ? 100 : 0), 1));
        var pod = Objects.Pod("p");
        pod.Status.NominatedNodeName = "b";

        var result = new ScheduleAlgorithm(new FeasibleNodeFinder(), new Random(1)).Schedule(profile, new CycleState(), pod, snapshot, CancellationToken.None);

        Assert.Equal("b", result.SuggestedHost);
    }
}
