using k8s.Models;
using Skiff.Client.Cache;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.PodTopologySpread;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.PodTopologySpread;

public sealed class PodTopologySpreadScoreTests
{
    public static TheoryData<string, V1Pod, string> Cases => new()
    {
        { "no constraints and no services", Web(), "n1=0, n2=0, n3=0, n4=0" },

        // Counts 2, 0, 1 (n4 too), weight ln(4 + 2): raw 4, 0, 2, 0 → fewest pods score highest.
        { "by hostname", Web().Spread(1, "kubernetes.io/hostname", "ScheduleAnyway", "app=web"), "n1=0, n2=100, n3=50, n4=100" },

        // Zones a = 2, b = 1, weight ln(2 + 2): raw 3, 3, 1; n4 lacks the key and is ignored.
        { "by zone", Web().Spread(1, "zone", "ScheduleAnyway", "app=web"), "n1=33, n2=33, n3=100, n4=0" },

        // maxSkew − 1 is added to every node, which flattens the differences.
        { "larger maxSkew", Web().Spread(5, "zone", "ScheduleAnyway", "app=web"), "n1=71, n2=71, n3=100, n4=0" },
        { "DoNotSchedule constraints do not score", Web().Spread(1, "zone", "DoNotSchedule", "app=web"), "n1=0, n2=0, n3=0, n4=0" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Score_PrefersDomainsWithFewerMatchingPods(string name, V1Pod pod, string expected)
    {
        var nodes = Nodes();

        var scores = PluginRunner.Score(new PodTopologySpreadPlugin(snapshot: Snapshot.From(nodes)), pod, nodes);

        Assert.True(expected == PluginRunner.Describe(scores), $"{name}: {PluginRunner.Describe(scores)}");
    }

    [Fact]
    public void Score_CountsPodsOnNodesThatFailedFiltering()
    {
        var all = Nodes();

        var plugin = new PodTopologySpreadPlugin(snapshot: Snapshot.From(all));

        var scores = PluginRunner.Score(plugin, Web().Spread(1, "zone", "ScheduleAnyway", "app=web"), [all[1], all[2]]);

        Assert.Equal("n2=33, n3=100", PluginRunner.Describe(scores));
    }

    [Fact]
    public void Score_SystemDefaultsSpreadPodsOfAService()
    {
        var services = new ObjectCache<V1Service>();
        services.Upsert(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" } },
        });
        var plugin = new PodTopologySpreadPlugin(defaultSelector: new DefaultSpreadSelector(services));

        // Zone (maxSkew 5) over domains a, b and "" (n4): weight ln 5; hostname (maxSkew 3) over 4 nodes: weight ln 6.
        // Raw: n1 = 2·ln5 + 4 + 2·ln6 + 2 ≈ 13, n2 ≈ 9, n3 ≈ 9, n4 (no zone) = 2.
        NodeInfo[] nodes =
        [
            Info(Node("n1", "topology.kubernetes.io/zone=a"), Pod("a1", "default", "app=web"), Pod("a2", "default", "app=web")),
            Info(Node("n2", "topology.kubernetes.io/zone=a")),
            Info(Node("n3", "topology.kubernetes.io/zone=b"), Pod("b1", "default", "app=web")),
            Info(Node("n4")),
        ];

        var scores = PluginRunner.Score(plugin, Web(), nodes);

        Assert.Equal("n1=15, n2=46, n3=46, n4=100", PluginRunner.Describe(scores));
    }

    [Fact]
    public void PreScore_SkipsPodsNoServiceOrControllerSelects()
    {
        var status = new PodTopologySpreadPlugin().PreScore(new CycleState(), Web(), Nodes());

        Assert.Equal(StatusCode.Skip, status.Code);
    }

    private static V1Pod Web() => Pod("p", "default", "app=web");

    private static NodeInfo[] Nodes() =>
    [
        Info(Node("n1", "zone=a"), Pod("a1", "default", "app=web"), Pod("a2", "default", "app=web")),
        Info(Node("n2", "zone=a")),
        Info(Node("n3", "zone=b"), Pod("b1", "default", "app=web")),
        Info(Node("n4")),
    ];
}
