using k8s.Models;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.PodTopologySpread;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.PodTopologySpread;

public sealed class PodTopologySpreadFilterTests
{
    private const string Skew = "node(s) didn't match pod topology spread constraints";
    private const string Missing = "node(s) didn't match pod topology spread constraints (missing required label)";

    public static TheoryData<string, V1Pod, NodeInfo[], string> Cases => new()
    {
        { "no constraints", Web(), ZoneNodes(), "n1: ok; n2: ok; n3: ok; n4: ok" },
        { "maxSkew 1 by zone", Web().Spread(1, "zone", "DoNotSchedule", "app=web"), ZoneNodes(), $"n1: {Skew}; n2: {Skew}; n3: ok; n4: {Missing}" },
        { "maxSkew 2 by zone", Web().Spread(2, "zone", "DoNotSchedule", "app=web"), ZoneNodes(), $"n1: ok; n2: ok; n3: ok; n4: {Missing}" },
        { "ScheduleAnyway never filters", Web().Spread(1, "zone", "ScheduleAnyway", "app=web"), ZoneNodes(), "n1: ok; n2: ok; n3: ok; n4: ok" },
        {
            "a pod outside its own selector adds no skew",
            Pod("p", "default", "app=other").Spread(1, "zone", "DoNotSchedule", "app=web"),
            ZoneNodes(),
            $"n1: ok; n2: ok; n3: ok; n4: {Missing}"
        },
        {
            "fewer domains than minDomains make the minimum 0",
            Web().Spread(1, "zone", "DoNotSchedule", "app=web", c => c.MinDomains = 3),
            ZoneNodes(),
            $"n1: {Skew}; n2: {Skew}; n3: {Skew}; n4: {Missing}"
        },
        { "by hostname", Web().Spread(1, "kubernetes.io/hostname", "DoNotSchedule", "app=web"), ZoneNodes(), $"n1: {Skew}; n2: ok; n3: {Skew}; n4: ok" },
        {
            "only nodes matching the pod's node selector count",
            Web().NodeSelector("zone", "b").Spread(1, "zone", "DoNotSchedule", "app=web"),
            ZoneNodes(),
            $"n1: ok; n2: ok; n3: ok; n4: {Missing}"
        },
        {
            "nodeAffinityPolicy Ignore counts every node",
            Web().NodeSelector("zone", "b").Spread(1, "zone", "DoNotSchedule", "app=web", c => c.NodeAffinityPolicy = "Ignore"),
            ZoneNodes(),
            $"n1: {Skew}; n2: {Skew}; n3: ok; n4: {Missing}"
        },
        { "tainted domains count by default", Web().Spread(1, "zone", "DoNotSchedule", "app=web"), TaintedNodes(), $"n1: {Skew}; n2: ok" },
        {
            "nodeTaintsPolicy Honor leaves out nodes with untolerated taints",
            Web().Spread(1, "zone", "DoNotSchedule", "app=web", c => c.NodeTaintsPolicy = "Honor"),
            TaintedNodes(),
            "n1: ok; n2: ok"
        },
        {
            "matchLabelKeys narrow the selector to the pod's values",
            Pod("p", "default", "app=web", "version=v2").Spread(1, "zone", "DoNotSchedule", "app=web", c => c.MatchLabelKeys = ["version"]),
            [
                Info(Node("n1", "zone=a"), Pod("a1", "default", "app=web", "version=v1"), Pod("a2", "default", "app=web", "version=v1")),
                Info(Node("n3", "zone=b"), Pod("b1", "default", "app=web", "version=v2")),
            ],
            $"n1: ok; n3: {Skew}"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter_KeepsSkewWithinMaxSkew(string name, V1Pod pod, NodeInfo[] nodes, string expected)
    {
        var results = PluginRunner.Filter(new PodTopologySpreadPlugin(), pod, nodes);

        Assert.True(expected == PluginRunner.Describe(results), $"{name}: {PluginRunner.Describe(results)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter_CountingThroughTheSnapshotIndex_GivesTheSameVerdicts(string name, V1Pod pod, NodeInfo[] nodes, string expected)
    {
        var snapshot = Snapshot.From(nodes);
        var plugin = new PodTopologySpreadPlugin(snapshot: snapshot);
        var state = new CycleState();
        var (_, status) = plugin.PreFilter(state, pod, snapshot.List());
        var results = snapshot.List().ToDictionary(
            n => n.Name, n => status.Code == StatusCode.Skip ? Status.Success : plugin.Filter(state, pod, n));

        Assert.True(expected == PluginRunner.Describe(results), $"{name}: {PluginRunner.Describe(results)}");
    }

    [Fact]
    public void Filter_MissingLabelIsUnresolvableAndSkewIsNot()
    {
        var results = PluginRunner.Filter(new PodTopologySpreadPlugin(), Web().Spread(1, "zone", "DoNotSchedule", "app=web"), ZoneNodes());

        Assert.Equal(StatusCode.Unschedulable, results["n1"].Code);
        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, results["n4"].Code);
    }

    [Fact]
    public void RemovePod_ChangesTheCountsOnACopy()
    {
        var nodes = ZoneNodes();
        var plugin = new PodTopologySpreadPlugin();
        var pod = Web().Spread(1, "zone", "DoNotSchedule", "app=web");
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod, nodes).Status.IsSuccess);
        var whatIf = state.Clone();

        // Zone a drops from 2 to 1 matching pods: 1 + 1 − 1 = 1 is within maxSkew.
        plugin.RemovePod(whatIf, pod, nodes[0].Pods[0], nodes[0]);

        Assert.True(plugin.Filter(whatIf, pod, nodes[0]).IsSuccess);
        Assert.False(plugin.Filter(state, pod, nodes[0]).IsSuccess);
    }

    private static V1Pod Web() => Pod("p", "default", "app=web");

    /// <summary>Zone a holds 2 matching pods (terminating and other-namespace pods do not count), zone b one, n4 has no zone.</summary>
    private static NodeInfo[] ZoneNodes()
    {
        var terminating = Pod("t", "default", "app=web");
        terminating.Metadata.DeletionTimestamp = DateTime.UtcNow;
        return
        [
            Info(Node("n1", "zone=a"), Pod("a1", "default", "app=web"), Pod("a2", "default", "app=web")),
            Info(Node("n2", "zone=a"), terminating, Pod("x", "elsewhere", "app=web")),
            Info(Node("n3", "zone=b"), Pod("b1", "default", "app=web")),
            Info(Node("n4")),
        ];
    }

    private static NodeInfo[] TaintedNodes() =>
    [
        Info(Node("n1", "zone=a"), Pod("a1", "default", "app=web")),
        Info(Node("n2", "zone=b").WithTaints(Taint("dedicated", "x", "NoSchedule"))),
    ];
}
