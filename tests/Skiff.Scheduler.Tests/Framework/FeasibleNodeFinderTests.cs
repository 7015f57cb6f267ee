using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Tests.Fakes;

namespace Skiff.Scheduler.Tests.Framework;

public sealed class FeasibleNodeFinderTests
{
    [Theory]
    [InlineData(50, 0, 50)]
    [InlineData(100, 0, 100)]
    [InlineData(1000, 0, 420)]
    [InlineData(5000, 0, 500)]
    [InlineData(6000, 0, 300)]
    [InlineData(1000, 5, 100)]
    [InlineData(1000, 30, 300)]
    [InlineData(200, 100, 200)]
    public void NumFeasibleNodesToFind_FollowsUpstreamsAdaptiveFormula(int nodes, int percentage, int expected)
    {
        Assert.Equal(expected, FeasibleNodeFinder.NumFeasibleNodesToFind(nodes, percentage));
    }

    [Fact]
    public void Find_StopsOnceEnoughNodesFit_AndTheNextSearchStartsWhereItStopped()
    {
        var nodes = Enumerable.Range(0, 1000).Select(i => new NodeInfo(Objects.Node($"n{i:D4}"))).ToList();
        var filter = new FakeFilter("Fits", (_, _) => Status.Success);
        var profile = TestProfiles.Build(Snapshot.From(nodes), (filter, 0));
        var finder = new FeasibleNodeFinder();

        var found = finder.Find(profile, new CycleState(), Objects.Pod("p"), nodes, new Diagnosis(), CancellationToken.None);

        Assert.Equal(420, found.Count);
        Assert.Equal(420, found.Select(n => n.Name).Distinct().Count());
        Assert.InRange(filter.Calls, 420, 1000);
        Assert.Equal(420, finder.NextStartNodeIndex);
    }

    [Fact]
    public void Find_RecordsWhyEachRejectedNodeFailed()
    {
        var nodes = Enumerable.Range(0, 60).Select(i => new NodeInfo(Objects.Node($"n{i}"))).ToList();
        var filter = new FakeFilter("Odd", (_, node) => int.Parse(node.Name[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1
            ? Status.Unschedulable("node(s) were odd")
            : Status.Success);
        var profile = TestProfiles.Build(Snapshot.From(nodes), (filter, 0));
        var diagnosis = new Diagnosis();

        var found = new FeasibleNodeFinder().Find(profile, new CycleState(), Objects.Pod("p"), nodes, diagnosis, CancellationToken.None);

        Assert.Equal(30, found.Count);
        Assert.All(found, n => Assert.DoesNotContain(n.Name, diagnosis.NodeToStatus.Keys));
        Assert.Equal(30, diagnosis.NodeToStatus.Count);
        Assert.Equal(["Odd"], diagnosis.UnschedulablePlugins);
    }

    [Fact]
    public void Find_WithAPluginError_Throws()
    {
        var nodes = new List<NodeInfo> { new(Objects.Node("a")) };
        var profile = TestProfiles.Build(Snapshot.From(nodes), (new FakeFilter("Broken", (_, _) => Status.Error("boom")), 0));

        Assert.Throws<SchedulingException>(() => new FeasibleNodeFinder().Find(profile, new CycleState(), Objects.Pod("p"), nodes, new Diagnosis(), CancellationToken.None));
    }

    [Fact]
    public void Find_OnOneThread_TakesTheFirstFittingNodesInTurn_AndResumesAfterTheLastOneLookedAt()
    {
        var nodes = Enumerable.Range(0, 200).Select(i => new NodeInfo(Objects.Node($"n{i:D3}"))).ToList();

        // Every third node is full: 100 feasible nodes are needed, so the search looks at 149 of the 200.
        var filter = new FakeFilter("Full", (_, node) => int.Parse(node.Name[1..], System.Globalization.CultureInfo.InvariantCulture) % 3 == 2
            ? Status.Unschedulable("Insufficient cpu")
            : Status.Success);
        var profile = TestProfiles.Build(Snapshot.From(nodes), (filter, 0));
        var finder = new FeasibleNodeFinder { Parallelism = 1 };
        var diagnosis = new Diagnosis();

        var found = finder.Find(profile, new CycleState(), Objects.Pod("p"), nodes, diagnosis, CancellationToken.None);

        Assert.Equal(nodes.Take(149).Where((_, i) => i % 3 != 2), found);
        Assert.Equal(49, diagnosis.NodeToStatus.Count);
        Assert.Equal(149, filter.Calls);
        Assert.Equal(149, finder.NextStartNodeIndex);

        // The next search starts at n149 (full), and wraps around to the start of the list.
        var next = finder.Find(profile, new CycleState(), Objects.Pod("q"), nodes, new Diagnosis(), CancellationToken.None);

        Assert.Equal("n150", next[0].Name);
        Assert.Contains(next, n => n.Name == "n000");
    }

    [Fact]
    public void Find_CountsNominatedPodsOnTheirNodes_OnlyWhenAnyPodIsNominated()
    {
        var nodes = Enumerable.Range(0, 3).Select(i => new NodeInfo(Objects.Node($"n{i}", cpu: "1"))).ToList();
        var nominator = new FakeNominator();
        var (registry, config) = TestProfiles.With((new FakeCpuFit(), 0));
        var profile = Profile.Build(config, registry, new FrameworkHandle { Snapshot = Snapshot.From(nodes), Nominator = nominator });
        var pod = Objects.Pod("p", cpu: "1", priority: 0);

        var free = new FeasibleNodeFinder { Parallelism = 1 }.Find(profile, new CycleState(), pod, nodes, new Diagnosis(), CancellationToken.None);

        Assert.Equal(3, free.Count);
        Assert.Equal(0, nominator.Lookups);

        nominator.Nominated["n1"] = [new PodInfo(Objects.Pod("important", cpu: "1", priority: 100))];
        var diagnosis = new Diagnosis();
        var found = new FeasibleNodeFinder { Parallelism = 1 }.Find(profile, new CycleState(), pod, nodes, diagnosis, CancellationToken.None);

        Assert.Equal(["n0", "n2"], found.Select(n => n.Name));
        Assert.Equal(["n1"], diagnosis.NodeToStatus.Keys);
        Assert.Equal(3, nominator.Lookups);
    }

    private sealed class FakeNominator : IPodNominator
    {
        public Dictionary<string, List<PodInfo>> Nominated { get; } = [];

        public int Lookups { get; private set; }

        public bool HasNominatedPods => Nominated.Count > 0;

        public IReadOnlyList<PodInfo> NominatedPodsForNode(string nodeName)
        {
            Lookups++;
            return Nominated.GetValueOrDefault(nodeName) ?? [];
        }
    }
}
