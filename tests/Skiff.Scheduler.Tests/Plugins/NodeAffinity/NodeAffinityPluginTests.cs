using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.NodeAffinity;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.NodeAffinity;

public sealed class NodeAffinityPluginTests
{
    private const string NoMatch = "node(s) didn't match Pod's node affinity/selector";

    public static TheoryData<string, V1Pod, string> FilterCases => new()
    {
        { "no constraints", Pod(), "a: ok; b: ok; c: ok" },
        { "nodeSelector", Pod().NodeSelector("zone", "z1"), $"a: ok; b: {NoMatch}; c: {NoMatch}" },
        { "nodeSelector on two labels", Pod().NodeSelector("zone", "z1").NodeSelector("disk", "ssd"), $"a: {NoMatch}; b: {NoMatch}; c: {NoMatch}" },
        { "In", Pod().RequiredNodeAffinity(Expression("zone", "In", "z1", "z2")), $"a: ok; b: ok; c: {NoMatch}" },
        { "NotIn matches nodes without the label", Pod().RequiredNodeAffinity(Expression("zone", "NotIn", "z1")), $"a: {NoMatch}; b: ok; c: ok" },
        { "Exists", Pod().RequiredNodeAffinity(Expression("disk", "Exists")), $"a: {NoMatch}; b: ok; c: {NoMatch}" },
        { "DoesNotExist", Pod().RequiredNodeAffinity(Expression("disk", "DoesNotExist")), $"a: ok; b: {NoMatch}; c: ok" },
        { "Gt", Pod().RequiredNodeAffinity(Expression("cores", "Gt", "4")), $"a: {NoMatch}; b: ok; c: ok" },
        { "Lt", Pod().RequiredNodeAffinity(Expression("cores", "Lt", "8")), $"a: ok; b: {NoMatch}; c: {NoMatch}" },
        { "Gt with a non-integer value matches nothing", Pod().RequiredNodeAffinity(Expression("cores", "Gt", "four")), $"a: {NoMatch}; b: {NoMatch}; c: {NoMatch}" },
        { "terms are ORed", Pod().RequiredNodeAffinity(Expression("zone", "In", "z1"), Expression("disk", "In", "ssd")), $"a: ok; b: ok; c: {NoMatch}" },
        { "an empty term matches nothing", Pod().RequiredNodeAffinity(new V1NodeSelectorTerm()), $"a: {NoMatch}; b: {NoMatch}; c: {NoMatch}" },
        { "nodeSelector and affinity both apply", Pod().NodeSelector("zone", "z2").RequiredNodeAffinity(Expression("disk", "Exists")), $"a: {NoMatch}; b: ok; c: {NoMatch}" },
        { "metadata.name field", Pod().RequiredNodeAffinity(NameIn("c")), "a: filtered by PreFilter; b: filtered by PreFilter; c: ok" },
        {
            "field and label in one term",
            Pod().RequiredNodeAffinity(new V1NodeSelectorTerm
            {
                MatchFields = NameIn("a").MatchFields,
                MatchExpressions = Expression("zone", "In", "z2").MatchExpressions,
            }),
            $"a: {NoMatch}; b: filtered by PreFilter; c: filtered by PreFilter"
        },
        {
            // Upstream accepts exactly one value for a field requirement; anything else spoils the term.
            "a field requirement with two values matches nothing",
            Pod().RequiredNodeAffinity(NameIn("a", "b")),
            $"a: {NoMatch}; b: {NoMatch}; c: filtered by PreFilter"
        },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_MatchesNodeSelectorAndRequiredAffinity(string name, V1Pod pod, string expected)
    {
        var results = PluginRunner.Filter(new NodeAffinityPlugin(), pod, Nodes());

        Assert.True(expected == PluginRunner.Describe(results), $"{name}: {PluginRunner.Describe(results)}");
    }

    [Theory]
    [InlineData(new[] { "a" }, new[] { "b" }, "a,b")]
    [InlineData(new[] { "a", "b" }, new[] { "b", "c" }, "a,b,c")]
    public void PreFilter_NarrowsToTheUnionOfNamedNodes(string[] first, string[] second, string expected)
    {
        var pod = Pod().RequiredNodeAffinity(NameIn(first), NameIn(second));

        var (result, status) = new NodeAffinityPlugin().PreFilter(new CycleState(), pod, []);

        Assert.True(status.IsSuccess);
        Assert.Equal(expected, string.Join(",", result!.NodeNames!.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void PreFilter_ConflictingNamesInOneTermAreUnresolvable()
    {
        var term = NameIn("a");
        term.MatchFields.Add(NameIn("b").MatchFields[0]);

        var (_, status) = new NodeAffinityPlugin().PreFilter(new CycleState(), Pod().RequiredNodeAffinity(term), []);

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        Assert.Equal("pod affinity terms conflict", status.Message);
    }

    [Fact]
    public void PreFilter_SkipsPodsWithoutConstraints()
    {
        var (_, status) = new NodeAffinityPlugin().PreFilter(new CycleState(), Pod(), []);

        Assert.Equal(StatusCode.Skip, status.Code);
    }

    [Fact]
    public void Filter_AppliesSchedulerEnforcedAffinity()
    {
        var plugin = new NodeAffinityPlugin(new NodeAffinityOptions(new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = [Expression("zone", "In", "z2")] },
        }));

        var results = PluginRunner.Filter(plugin, Pod(), Nodes());

        Assert.Equal(
            "a: node(s) didn't match scheduler-enforced node affinity; b: ok; c: node(s) didn't match scheduler-enforced node affinity",
            PluginRunner.Describe(results));
    }

    public static TheoryData<string, V1Pod, string> ScoreCases => new()
    {
        { "no preferences", Pod(), "a=0, b=0, c=0" },
        { "one preference", Pod().PreferredNodeAffinity(5, Expression("zone", "In", "z1")), "a=100, b=0, c=0" },
        {
            "weights add up and scale to the best node",
            Pod().PreferredNodeAffinity(2, Expression("disk", "Exists")).PreferredNodeAffinity(6, Expression("zone", "In", "z1", "z2")),
            "a=75, b=100, c=0"
        },
        { "zero weight is ignored", Pod().PreferredNodeAffinity(0, Expression("zone", "In", "z1")), "a=0, b=0, c=0" },
    };

    [Theory]
    [MemberData(nameof(ScoreCases))]
    public void Score_SumsWeightsOfMatchingPreferredTerms(string name, V1Pod pod, string expected)
    {
        var scores = PluginRunner.Score(new NodeAffinityPlugin(), pod, Nodes());

        Assert.True(expected == PluginRunner.Describe(scores), $"{name}: {PluginRunner.Describe(scores)}");
    }

    [Fact]
    public void Filter_FollowsTheLabelsOfAnUpdatedNode()
    {
        var info = Info(Node("a", "zone=z1"));
        var pod = Pod().NodeSelector("zone", "z2");
        Assert.Equal("a: node(s) didn't match Pod's node affinity/selector", PluginRunner.Describe(PluginRunner.Filter(new NodeAffinityPlugin(), pod, info)));

        info.SetNode(Node("a", "zone=z2"));

        Assert.Equal("a: ok", PluginRunner.Describe(PluginRunner.Filter(new NodeAffinityPlugin(), pod, info)));
    }

    private static NodeInfo[] Nodes() =>
    [
        Info(Node("a", "zone=z1", "cores=4")),
        Info(Node("b", "zone=z2", "disk=ssd", "cores=16")),
        Info(Node("c", "zone=z3", "cores=8")),
    ];
}
