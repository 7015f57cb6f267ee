using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.PrioritySort;
using Skiff.Scheduler.Tests.Fakes;

namespace Skiff.Scheduler.Tests.Framework;

public sealed class ProfileTests
{
    [Fact]
    public void RunScore_SumsWeightTimesNormalizedScore()
    {
        var nodes = new List<NodeInfo> { new(Objects.Node("a")), new(Objects.Node("b")), new(Objects.Node("c")) };
        var raw = new Dictionary<string, long> { ["a"] = 10, ["b"] = 20, ["c"] = 40 };
        var flat = new Dictionary<string, long> { ["a"] = 90, ["b"] = 50, ["c"] = 0 };
        var profile = TestProfiles.Build(
            Snapshot.From(nodes),
            (new FakeScore("Normalized", n => raw[n.Name], normalize: true), 2),
            (new FakeScore("Flat", n => flat[n.Name]), 1));

        var (totals, status) = profile.RunScore(new CycleState(), Objects.Pod("p"), nodes);

        Assert.True(status.IsSuccess);

        // Normalized: 25, 50, 100 (×2); flat: 90, 50, 0 (×1).
        Assert.Equal([("a", 140L), ("b", 150L), ("c", 200L)], totals.Select(t => (t.Name, t.Score)));
    }

    [Fact]
    public void RunScore_RejectsScoresOutsideTheRange()
    {
        var nodes = new List<NodeInfo> { new(Objects.Node("a")) };
        var profile = TestProfiles.Build(Snapshot.From(nodes), (new FakeScore("TooBig", _ => 101), 1));

        var (_, status) = profile.RunScore(new CycleState(), Objects.Pod("p"), nodes);

        Assert.Equal(StatusCode.Error, status.Code);
        Assert.Equal("TooBig", status.Plugin);
    }

    [Fact]
    public void Build_PutsMultiPointPluginsAtEveryPointTheyImplement_UnlessDisabledThere()
    {
        var fit = new FakeCpuFit();
        var score = new FakeScore("Spread", _ => 0);
        var (registry, config) = TestProfiles.With((fit, 0), (score, 3));
        config.Disabled[ExtensionPoint.PreFilter] = ["NodeResourcesFit"];

        var profile = Profile.Build(config, registry, new FrameworkHandle { Snapshot = new Snapshot() });

        Assert.IsType<PrioritySort>(profile.QueueSort);
        Assert.Equal(["NodeResourcesFit"], profile.Filters.Select(p => p.Name));
        Assert.Empty(profile.PreFilters);
        Assert.Equal([("Spread", 3)], profile.Scores.Select(s => (s.Plugin.Name, s.Weight)));
    }

    [Fact]
    public void Build_WithAnUnknownPlugin_Fails_UnlessItIsAnOptionalDefault()
    {
        var (registry, config) = TestProfiles.With();
        config.MultiPoint.Add(new PluginRef("VolumeBinding"));
        Assert.Throws<InvalidOperationException>(() => Profile.Build(config, registry, new FrameworkHandle { Snapshot = new Snapshot() }));

        config.Optional.Add("VolumeBinding");
        var profile = Profile.Build(config, registry, new FrameworkHandle { Snapshot = new Snapshot() });
        Assert.Empty(profile.Filters);
    }

    [Fact]
    public void RunPreFilter_IntersectsNodeSetsAndSkipsFiltersOfSkippingPlugins()
    {
        var nodes = new List<NodeInfo> { new(Objects.Node("a")), new(Objects.Node("b")), new(Objects.Node("c")) };
        var first = new FakePreFilter("First", new PreFilterResult(new HashSet<string> { "a", "b" }), Status.Success);
        var second = new FakePreFilter("Second", new PreFilterResult(new HashSet<string> { "b", "c" }), Status.Skip);
        var third = new FakePreFilter("Third", new PreFilterResult(new HashSet<string> { "b", "c" }), Status.Success);
        var profile = TestProfiles.Build(Snapshot.From(nodes), (second, 0), (first, 0), (third, 0));
        var state = new CycleState();

        var (result, status) = profile.RunPreFilter(state, Objects.Pod("p"), nodes);
        var filtered = profile.RunFilter(state, Objects.Pod("p"), nodes[0]);

        Assert.True(status.IsSuccess);
        Assert.Equal(["b"], result!.NodeNames!);
        Assert.Equal("First", filtered.Plugin);
        Assert.Equal(0, second.FilterCalls);
    }
    [Fact]
    public void RunScore_IntoASpan_LeavesOutPluginsWhosePreScoreSkipped()
    {
        var nodes = new List<NodeInfo> { new(Objects.Node("a")), new(Objects.Node("b")) };
        var kept = new FakeScore("Kept", n => n.Name == "a" ? 10 : 30);
        var skipped = new SkippingPreScore("Skipped");
        var profile = TestProfiles.Build(Snapshot.From(nodes), (kept, 1), (skipped, 5));
        var state = new CycleState();
        var totals = new NodeScore[4];

        Assert.True(profile.RunPreScore(state, Objects.Pod("p"), nodes).IsSuccess);
        var status = profile.RunScore(state, Objects.Pod("p"), nodes, totals);

        Assert.True(status.IsSuccess);
        Assert.Equal([new NodeScore("a", 10), new NodeScore("b", 30)], totals.Take(2));
        Assert.Equal(0, skipped.ScoreCalls);
    }

    private sealed class SkippingPreScore(string name) : IPreScorePlugin, IScorePlugin
    {
        public string Name => name;

        public int ScoreCalls { get; private set; }

        public Status PreScore(CycleState state, k8s.Models.V1Pod pod, IReadOnlyList<NodeInfo> nodes) => Status.Skip;

        public (long Score, Status Status) Score(CycleState state, k8s.Models.V1Pod pod, NodeInfo node)
        {
            ScoreCalls++;
            return (100, Status.Success);
        }
    }
}
