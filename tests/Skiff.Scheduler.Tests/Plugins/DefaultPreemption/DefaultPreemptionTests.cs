using k8s.Models;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.DefaultPreemption;
using Skiff.Scheduler.Tests.Fakes;

namespace Skiff.Scheduler.Tests.Plugins.DefaultPreemption;

using DefaultPreemptionPlugin = Skiff.Scheduler.Plugins.DefaultPreemption.DefaultPreemption;

public sealed class DefaultPreemptionTests
{
    [Fact]
    public async Task PostFilter_NominatesTheNodeWhoseMostImportantVictimIsLeastImportant()
    {
        // Node a: two priority-1 pods; node b: one priority-5 pod. Upstream prefers the node whose most important
        // victim is least important, even if more pods go.
        var a = Objects.NodeInfo(Objects.Node("a", cpu: "2"), Objects.Pod("low1", cpu: "1", priority: 1, nodeName: "a"), Objects.Pod("low2", cpu: "1", priority: 1, nodeName: "a"));
        var b = Objects.NodeInfo(Objects.Node("b", cpu: "2"), Objects.Pod("mid", cpu: "2", priority: 5, nodeName: "b"));
        var (plugin, profile) = Build(Snapshot.From([a, b]));
        var pod = Objects.Pod("high", cpu: "2", priority: 10);

        var (nominated, status) = await Run(plugin, profile, pod, a, b);

        Assert.True(status.IsSuccess, status.Message);
        Assert.Equal("a", nominated);
    }

    [Fact]
    public void FindCandidates_KeepsPodsThatCanStay_AndListsVictimsMostImportantFirst()
    {
        var node = Objects.NodeInfo(
            Objects.Node("a", cpu: "3"),
            Objects.Pod("p1", cpu: "1", priority: 1, nodeName: "a"),
            Objects.Pod("p3", cpu: "1", priority: 3, nodeName: "a"),
            Objects.Pod("p2", cpu: "1", priority: 2, nodeName: "a"));
        var (plugin, profile) = Build(Snapshot.From([node]));
        var pod = Objects.Pod("high", cpu: "2", priority: 10);
        var state = new CycleState();
        profile.RunPreFilter(state, pod, [node]);

        var (candidates, _) = plugin.FindCandidates(profile, state, pod, 10, new Dictionary<string, Status> { ["a"] = Status.Unschedulable("Insufficient cpu") });

        var candidate = Assert.Single(candidates);
        Assert.Equal(["p2", "p1"], candidate.Victims.Select(v => v.Pod.Metadata.Name));
    }

    [Fact]
    public async Task PostFilter_WhenNoLowerPriorityPodsOrUnresolvable_ExplainsPerNode()
    {
        var a = Objects.NodeInfo(Objects.Node("a", cpu: "1"), Objects.Pod("same", cpu: "1", priority: 10, nodeName: "a"));
        var b = Objects.NodeInfo(Objects.Node("b", cpu: "1"));
        var (plugin, profile) = Build(Snapshot.From([a, b]));
        var statuses = new Dictionary<string, Status>
        {
            ["a"] = Status.Unschedulable("Insufficient cpu"),
            ["b"] = Status.Unresolvable("node(s) had untolerated taint {key: value}"),
        };

        var (nominated, status) = await plugin.PostFilterAsync(new CycleState(), Objects.Pod("high", cpu: "1", priority: 10), statuses, CancellationToken.None);

        Assert.False(status.IsSuccess);
        Assert.Equal(string.Empty, nominated);
        Assert.Equal(
            "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
            status.Message);
        _ = profile;
    }

    [Fact]
    public async Task PostFilter_WithPreemptionPolicyNever_IsNotEligible()
    {
        var a = Objects.NodeInfo(Objects.Node("a", cpu: "1"), Objects.Pod("low", cpu: "1", priority: 1, nodeName: "a"));
        var (plugin, _) = Build(Snapshot.From([a]));
        var pod = Objects.Pod("high", cpu: "1", priority: 10);
        pod.Spec.PreemptionPolicy = "Never";

        var (_, status) = await plugin.PostFilterAsync(new CycleState(), pod, new Dictionary<string, Status>(), CancellationToken.None);

        Assert.Equal("preemption: not eligible due to preemptionPolicy=Never.", status.Message);
    }

    [Fact]
    public void FindCandidates_PrefersNodesWhoseVictimsBreakNoDisruptionBudget()
    {
        var protectedPod = Objects.Pod("guarded", cpu: "1", priority: 1, nodeName: "a", labels: new Dictionary<string, string> { ["app"] = "db" });
        var a = Objects.NodeInfo(Objects.Node("a", cpu: "1"), protectedPod);
        var b = Objects.NodeInfo(Objects.Node("b", cpu: "1"), Objects.Pod("free", cpu: "1", priority: 1, nodeName: "b"));
        var pdb = new V1PodDisruptionBudget
        {
            Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = "default" },
            Spec = new V1PodDisruptionBudgetSpec { Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } } },
            Status = new V1PodDisruptionBudgetStatus { DisruptionsAllowed = 0 },
        };
        var (plugin, profile) = Build(Snapshot.From([a, b]), [pdb]);
        var pod = Objects.Pod("high", cpu: "1", priority: 10);
        var state = new CycleState();
        profile.RunPreFilter(state, pod, [a, b]);

        var (candidates, _) = plugin.FindCandidates(profile, state, pod, 10, new Dictionary<string, Status>());

        Assert.Equal([("a", 1), ("b", 0)], candidates.Select(c => (c.NodeName, c.NumPdbViolations)));
        Assert.Equal("b", CandidatePicker.Pick(candidates)!.NodeName);
    }

    [Fact]
    public void Pick_OrdersByHighestVictimPriority_ThenPrioritySum_ThenVictimCount()
    {
        static PodInfo Victim(string name, int priority) => new(Objects.Pod(name, priority: priority)) { Priority = priority };

        var highVictim = new Candidate("high", [Victim("h", 5)], 0);
        var twoLow = new Candidate("two", [Victim("l1", 2), Victim("l2", 2)], 0);
        var oneLow = new Candidate("one", [Victim("l3", 2), Victim("l4", 1)], 0);
        var violating = new Candidate("pdb", [Victim("x", 0)], 1);

        Assert.Equal("one", CandidatePicker.Pick([highVictim, twoLow, oneLow, violating])!.NodeName);
        Assert.Equal("two", CandidatePicker.Pick([highVictim, twoLow])!.NodeName);
        Assert.Equal("high", CandidatePicker.Pick([highVictim, violating])!.NodeName);
    }

    private static (DefaultPreemptionPlugin Plugin, Profile Profile) Build(Snapshot snapshot, IReadOnlyList<V1PodDisruptionBudget>? pdbs = null)
    {
        var fit = new FakeCpuFit();
        var handle = new FrameworkHandle { Snapshot = snapshot };
        var plugin = new DefaultPreemptionPlugin(handle, pdbs is null ? null : () => pdbs, new Random(3));
        var (registry, config) = TestProfiles.With((fit, 0), (plugin, 0));
        var profile = Profile.Build(config, registry, handle);
        return (plugin, profile);
    }

    private static async Task<(string? Node, Status Status)> Run(DefaultPreemptionPlugin plugin, Profile profile, V1Pod pod, params NodeInfo[] nodes)
    {
        var state = new CycleState();
        profile.RunPreFilter(state, pod, nodes);
        var statuses = nodes.ToDictionary(n => n.Name, n => profile.RunFilter(state, pod, n));
        return await plugin.PostFilterAsync(state, pod, statuses, CancellationToken.None);
    }
}
