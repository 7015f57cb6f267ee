using k8s.Models;
using Skiff.Client.Cache;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.InterPodAffinity;
using Skiff.Scheduler.Tests.Cache;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.InterPodAffinity;

/// <summary>PreFilter through the snapshot's pod index gives the verdicts of walking every placed pod.</summary>
public sealed class InterPodAffinityIndexTests
{
    public static TheoryData<string, V1Pod> Cases => new()
    {
        { "no affinity", Pod("p", "default", "app=web") },
        { "a group's anti-affinity by hostname", Pod("p", "default", "group=g1").PodAntiAffinity("kubernetes.io/hostname", "group=g1") },
        { "anti-affinity by zone", Pod("p", "default", "app=web").PodAntiAffinity("zone", "app=db") },
        { "affinity by zone", Pod("p", "default", "app=web").PodAffinity("zone", "app=db") },
        { "affinity to itself", Pod("p", "default", "app=web").PodAffinity("zone", "app=web") },
        { "two affinity terms", Pod("p", "default", "app=web").PodAffinity("zone", "app=db").PodAffinity("kubernetes.io/hostname", "tier=data") },
        { "anti-affinity by Exists", Pod("p", "default", "app=web").AntiAffinityExists("zone", "tier") },
        { "anti-affinity by In", Pod("p", "default", "app=web").AntiAffinityIn("kubernetes.io/hostname", "app", "cache", "db") },
        { "listed namespaces", Pod("p", "other", "app=web").PodAffinity("zone", "app=db", ["default"]) },
        { "namespace selector", Pod("p", "other", "app=web").PodAffinity("zone", "app=db", namespaceSelector: Selector("team=data")) },
        { "existing group anti-affinity", Pod("p", "default", "group=g2") },
        { "existing anti-affinity by Exists", Pod("p", "default", "role=x") },
        { "existing anti-affinity in another namespace", Pod("p", "other", "group=g2") },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PreFilter_WithIndex_MatchesWalkingEveryPod(string name, V1Pod pod)
    {
        var nodes = Nodes();
        var snapshot = Snapshot.From(nodes);

        var walked = Run(new InterPodAffinityPlugin(namespaces: Namespaces()), pod, nodes);
        var indexed = Run(new InterPodAffinityPlugin(snapshot: snapshot, namespaces: Namespaces()), pod, snapshot.List());

        Assert.True(walked == indexed, $"{name}: walked {walked}, indexed {indexed}");
    }

    [Fact]
    public void PreFilter_SeesANodesNewLabels_AfterTheCacheUpdatesIt()
    {
        var cache = new SchedulerCache(new Fakes.ManualTime(), TimeSpan.FromSeconds(30));
        var snapshot = new Snapshot();
        cache.AddNode(Node("n1", "zone=a"));
        cache.AddNode(Node("n2", "zone=b"));
        var db = Pod("db", "default", "app=db");
        db.Spec.NodeName = "n1";
        cache.AddPod(db);
        cache.UpdateSnapshot(snapshot);
        var plugin = new InterPodAffinityPlugin(snapshot: snapshot, namespaces: Namespaces());
        var pod = Pod("p", "default", "app=web").PodAffinity("zone", "app=db");
        Assert.Equal("n1: ok; n2: node(s) didn't match pod affinity rules", Run(plugin, pod, snapshot.List()));

        cache.UpdateNode(Node("n1", "zone=b"));
        cache.UpdateSnapshot(snapshot);

        Assert.Equal("n1: ok; n2: ok", Run(plugin, pod, snapshot.List()));
    }

    private static string Run(InterPodAffinityPlugin plugin, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var state = new CycleState();
        var (_, status) = plugin.PreFilter(state, pod, nodes);
        var results = new Dictionary<string, Status>();
        foreach (var node in nodes)
        {
            results[node.Name] = status.Code == StatusCode.Skip ? Status.Success : status.IsSuccess ? plugin.Filter(state, pod, node) : status;
        }

        return PluginRunner.Describe(results);
    }

    private static ObjectCache<V1Namespace> Namespaces()
    {
        var namespaces = new ObjectCache<V1Namespace>();
        namespaces.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default", Labels = new Dictionary<string, string> { ["team"] = "data" } } });
        namespaces.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "other" } });
        return namespaces;
    }

    private static NodeInfo[] Nodes() =>
    [
        Info(Node("n1", "zone=a", "kubernetes.io/hostname=n1"), Pod("db", "default", "app=db", "tier=data"), Pod("g1a", "default", "group=g1").PodAntiAffinity("kubernetes.io/hostname", "group=g1")),
        Info(Node("n2", "zone=a", "kubernetes.io/hostname=n2"), Pod("cache", "default", "app=cache"), Pod("g2a", "default", "group=g2").PodAntiAffinity("kubernetes.io/hostname", "group=g2")),
        Info(Node("n3", "zone=b", "kubernetes.io/hostname=n3"), Pod("web", "other", "app=db", "tier=data"), Pod("x", "default", "tier=front").AntiAffinityExists("zone", "role")),
        Info(Node("n4", "zone=b", "kubernetes.io/hostname=n4"), Pod("g1b", "default", "group=g1").PodAntiAffinity("kubernetes.io/hostname", "group=g1")),
        Info(Node("n5", "kubernetes.io/hostname=n5")),
    ];
}
