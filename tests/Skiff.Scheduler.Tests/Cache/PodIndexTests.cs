using k8s.Models;
using Skiff.Api.Selectors;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Tests.Fakes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Cache;

/// <summary>The snapshot's pod index follows the cache through pod and node changes.</summary>
public sealed class PodIndexTests
{
    private readonly SchedulerCache _cache = new(new ManualTime(), TimeSpan.FromSeconds(30));
    private readonly Snapshot _snapshot = new();

    public static TheoryData<string, Action<SchedulerCache>, string, string> Cases => new()
    {
        { "nothing placed", _ => { }, "", "" },
        { "pod added", c => c.AddPod(Placed("w", "a", "app=web")), "a", "" },
        { "pods on two nodes", c => { c.AddPod(Placed("w1", "a", "app=web")); c.AddPod(Placed("w2", "b", "app=web")); }, "a,b", "" },
        { "pod removed", c => { var p = Placed("w", "a", "app=web"); c.AddPod(p); c.RemovePod(p); }, "", "" },
        {
            "one of two pods on a node removed",
            c => { var p = Placed("w1", "a", "app=web"); c.AddPod(p); c.AddPod(Placed("w2", "a", "app=web")); c.RemovePod(p); },
            "a",
            ""
        },
        { "pod relabelled", c => { var p = Placed("w", "a", "app=web"); c.AddPod(p); c.UpdatePod(Relabel(p, "app=db")); }, "", "" },
        { "pod relabelled onto the label", c => { var p = Placed("w", "a", "app=db"); c.AddPod(p); c.UpdatePod(Relabel(p, "app=web")); }, "a", "" },
        { "assumed pod", c => c.AssumePod(Placed("w", "b", "app=web")), "b", "" },
        { "node relabelled keeps its pods", c => { c.AddPod(Placed("w", "a", "app=web")); c.UpdateNode(Objects.Node("a", labels: Labels("zone=z9"))); }, "a", "" },
        { "node removed", c => { c.AddPod(Placed("w", "a", "app=web")); c.RemoveNode(Objects.Node("a")); }, "", "" },
        { "anti-affinity against the pod's label", c => c.AddPod(Placed("g", "a", "app=guard").PodAntiAffinity("zone", "app=web")), "", "a" },
        { "anti-affinity against another label", c => c.AddPod(Placed("g", "a", "app=guard").PodAntiAffinity("zone", "app=db")), "", "" },
        { "anti-affinity removed with its pod", c => { var p = Placed("g", "b", "app=guard").PodAntiAffinity("zone", "app=web"); c.AddPod(p); c.RemovePod(p); }, "", "" },
        { "anti-affinity without a value to look up is always a candidate", c => c.AddPod(Placed("g", "b", "app=guard").AntiAffinityExists("zone", "tier")), "", "b" },
        { "anti-affinity with In on any of its values", c => c.AddPod(Placed("g", "b", "app=guard").AntiAffinityIn("zone", "app", "db", "web")), "", "b" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Index_FollowsTheCache(string name, Action<SchedulerCache> change, string withWebLabel, string withAntiAffinityForWeb)
    {
        _cache.AddNode(Objects.Node("a", labels: Labels("zone=z1")));
        _cache.AddNode(Objects.Node("b", labels: Labels("zone=z2")));
        _cache.UpdateSnapshot(_snapshot);

        change(_cache);
        _cache.UpdateSnapshot(_snapshot);

        var matching = new HashSet<string>();
        Assert.True(_snapshot.PodIndex.TryAddNodesMatching(LabelSelector.Parse("app=web"), matching));
        var anti = new HashSet<string>();
        _snapshot.PodIndex.AddNodesWithAntiAffinityFor(new Dictionary<string, string> { ["app"] = "web" }, anti);
        Assert.True(withWebLabel == string.Join(",", matching.Order()), $"{name}: label app=web on [{string.Join(",", matching.Order())}]");
        Assert.True(withAntiAffinityForWeb == string.Join(",", anti.Order()), $"{name}: anti-affinity on [{string.Join(",", anti.Order())}]");
    }

    [Fact]
    public void LivePodsPerNode_CountsPodsOfTheNamespaceThatAreNotTerminating()
    {
        _cache.AddNode(Objects.Node("a"));
        _cache.AddNode(Objects.Node("b"));
        var terminating = Placed("t", "b", "app=web");
        terminating.Metadata.DeletionTimestamp = DateTime.UtcNow;
        var removed = Placed("r", "b", "app=web");
        _cache.AddPod(Placed("w1", "a", "app=web"));
        _cache.AddPod(Placed("w2", "a", "app=web"));
        _cache.AddPod(terminating);
        _cache.AddPod(removed);
        var elsewhere = Pod("e", "other", "app=web");
        elsewhere.Spec.NodeName = "b";
        _cache.AddPod(elsewhere);
        _cache.UpdateSnapshot(_snapshot);
        _cache.RemovePod(removed);
        _cache.UpdateSnapshot(_snapshot);

        Assert.Equal("a=2", Describe(_snapshot.PodIndex.LivePodsPerNode("default", "app", "web")));
        Assert.Equal("b=1", Describe(_snapshot.PodIndex.LivePodsPerNode("other", "app", "web")));
        Assert.Equal(string.Empty, Describe(_snapshot.PodIndex.LivePodsPerNode("default", "app", "db")));
    }

    [Fact]
    public void SelectorWithoutValuesToLookUp_IsNotAnswered()
    {
        Assert.False(_snapshot.PodIndex.TryAddNodesMatching(LabelSelector.Parse("app"), []));
        Assert.False(_snapshot.PodIndex.TryAddNodesMatching(LabelSelector.Parse("app notin (web)"), []));
        Assert.False(_snapshot.PodIndex.TryAddNodesMatching(LabelSelector.Everything, []));
        Assert.True(_snapshot.PodIndex.TryAddNodesMatching(LabelSelector.Nothing, []));
    }

    private static string Describe(IReadOnlyDictionary<string, int> perNode) =>
        string.Join(",", perNode.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    private static V1Pod Placed(string name, string node, string label)
    {
        var pod = Pod(name, "default", label);
        pod.Spec.NodeName = node;
        return pod;
    }

    private static V1Pod Relabel(V1Pod pod, string label)
    {
        var eq = label.IndexOf('=', StringComparison.Ordinal);
        return new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = pod.Metadata.Name,
                NamespaceProperty = pod.Metadata.NamespaceProperty,
                Uid = pod.Metadata.Uid,
                Labels = new Dictionary<string, string> { [label[..eq]] = label[(eq + 1)..] },
            },
            Spec = pod.Spec,
        };
    }

    private static Dictionary<string, string> Labels(string label)
    {
        var eq = label.IndexOf('=', StringComparison.Ordinal);
        return new Dictionary<string, string> { [label[..eq]] = label[(eq + 1)..] };
    }
}

internal static class AntiAffinityTerms
{
    public static V1Pod AntiAffinityExists(this V1Pod pod, string topologyKey, string key) =>
        pod.AntiAffinity(topologyKey, new V1LabelSelectorRequirement { Key = key, OperatorProperty = "Exists" });

    public static V1Pod AntiAffinityIn(this V1Pod pod, string topologyKey, string key, params string[] values) =>
        pod.AntiAffinity(topologyKey, new V1LabelSelectorRequirement { Key = key, OperatorProperty = "In", Values = values });

    private static V1Pod AntiAffinity(this V1Pod pod, string topologyKey, V1LabelSelectorRequirement requirement)
    {
        pod.Spec.Affinity ??= new V1Affinity();
        pod.Spec.Affinity.PodAntiAffinity ??= new V1PodAntiAffinity();
        pod.Spec.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution ??= [];
        pod.Spec.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution.Add(
            new V1PodAffinityTerm { TopologyKey = topologyKey, LabelSelector = new V1LabelSelector { MatchExpressions = [requirement] } });
        return pod;
    }
}
