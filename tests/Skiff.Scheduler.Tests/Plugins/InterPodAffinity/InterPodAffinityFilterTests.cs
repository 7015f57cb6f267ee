using k8s.Models;
using Skiff.Client.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.InterPodAffinity;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.InterPodAffinity;

public sealed class InterPodAffinityFilterTests
{
    private const string Affinity = "node(s) didn't match pod affinity rules";
    private const string Anti = "node(s) didn't match pod anti-affinity rules";
    private const string Existing = "node(s) didn't satisfy existing pods anti-affinity rules";

    public static TheoryData<string, V1Pod, string> Cases => new()
    {
        { "no affinity", Pod("p", "default", "app=web"), "n1: ok; n2: ok; n3: ok; n4: ok" },
        { "affinity by zone", Pod("p", "default", "app=web").PodAffinity("zone", "app=db"), $"n1: ok; n2: ok; n3: {Affinity}; n4: {Affinity}" },
        { "affinity by hostname", Pod("p", "default", "app=web").PodAffinity("kubernetes.io/hostname", "app=db"), $"n1: ok; n2: {Affinity}; n3: {Affinity}; n4: {Affinity}" },
        { "anti-affinity by zone", Pod("p", "default", "app=web").PodAntiAffinity("zone", "app=db"), $"n1: {Anti}; n2: {Anti}; n3: ok; n4: ok" },
        { "first pod of a self-affine group goes where the key exists", Pod("p", "default", "app=web").PodAffinity("zone", "app=web"), $"n1: ok; n2: ok; n3: ok; n4: {Affinity}" },
        { "affinity to pods that do not exist", Pod("p", "default", "app=web").PodAffinity("zone", "app=cache"), $"n1: {Affinity}; n2: {Affinity}; n3: {Affinity}; n4: {Affinity}" },
        { "terms look in the pod's own namespace", Pod("p", "other", "app=web").PodAffinity("zone", "app=db"), $"n1: {Affinity}; n2: {Affinity}; n3: {Affinity}; n4: {Affinity}" },
        { "terms look in listed namespaces", Pod("p", "other", "app=web").PodAffinity("zone", "app=db", ["default"]), $"n1: ok; n2: ok; n3: {Affinity}; n4: {Affinity}" },
        {
            "namespace selector",
            Pod("p", "other", "app=web").PodAffinity("zone", "app=db", namespaceSelector: Selector("team=data")),
            $"n1: ok; n2: ok; n3: {Affinity}; n4: {Affinity}"
        },
        {
            "empty namespace selector means every namespace",
            Pod("p", "other", "app=web").PodAffinity("zone", "app=db", namespaceSelector: new V1LabelSelector()),
            $"n1: ok; n2: ok; n3: {Affinity}; n4: {Affinity}"
        },
        { "an existing pod's anti-affinity keeps the pod away", Pod("p", "default", "app=guarded"), $"n1: ok; n2: ok; n3: {Existing}; n4: ok" },
        { "existing anti-affinity applies in its own namespace only", Pod("p", "other", "app=guarded"), "n1: ok; n2: ok; n3: ok; n4: ok" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter_EnforcesRequiredAffinityAndAntiAffinity(string name, V1Pod pod, string expected)
    {
        var results = PluginRunner.Filter(Plugin(), pod, Nodes());

        Assert.True(expected == PluginRunner.Describe(results), $"{name}: {PluginRunner.Describe(results)}");
    }

    [Fact]
    public void Filter_AffinityRejectionIsUnresolvableAndAntiAffinityIsNot()
    {
        var affinity = PluginRunner.Filter(Plugin(), Pod("p", "default", "app=web").PodAffinity("zone", "app=db"), Nodes());
        var anti = PluginRunner.Filter(Plugin(), Pod("p", "default", "app=web").PodAntiAffinity("zone", "app=db"), Nodes());

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, affinity["n3"].Code);
        Assert.Equal(StatusCode.Unschedulable, anti["n1"].Code);
    }

    [Fact]
    public void RemovePod_LiftsAntiAffinityForPreemption()
    {
        var nodes = Nodes();
        var plugin = Plugin();
        var pod = Pod("p", "default", "app=web").PodAntiAffinity("zone", "app=db");
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod, nodes).Status.IsSuccess);
        var whatIf = state.Clone();

        plugin.RemovePod(whatIf, pod, nodes[0].Pods[0], nodes[0]);

        Assert.True(plugin.Filter(whatIf, pod, nodes[0]).IsSuccess);
        Assert.False(plugin.Filter(state, pod, nodes[0]).IsSuccess);
    }

    [Fact]
    public void AddPod_CountsTheAddedPodsDomain()
    {
        var nodes = Nodes();
        var plugin = Plugin();
        var pod = Pod("p", "default", "app=web").PodAntiAffinity("zone", "app=cache");
        var state = new CycleState();
        Assert.True(plugin.PreFilter(state, pod, nodes).Status.IsSuccess);

        plugin.AddPod(state, pod, new PodInfo(Pod("c", "default", "app=cache")), nodes[2]);

        Assert.Equal(Anti, plugin.Filter(state, pod, nodes[2]).Message);
    }

    private static InterPodAffinityPlugin Plugin()
    {
        var namespaces = new ObjectCache<V1Namespace>();
        namespaces.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "default", Labels = new Dictionary<string, string> { ["team"] = "data" } } });
        namespaces.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = "other" } });
        return new InterPodAffinityPlugin(namespaces: namespaces);
    }

    /// <summary>A db pod on n1 (zone a), a pod on n3 (zone b) that wants no "guarded" pod on its node, n4 without a zone.</summary>
    private static NodeInfo[] Nodes() =>
    [
        Info(Node("n1", "zone=a"), Pod("db", "default", "app=db")),
        Info(Node("n2", "zone=a")),
        Info(Node("n3", "zone=b"), Pod("guard", "default", "app=guard").PodAntiAffinity("kubernetes.io/hostname", "app=guarded")),
        Info(Node("n4")),
    ];
}
