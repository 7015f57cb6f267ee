using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.TaintToleration;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.TaintToleration;

public sealed class TaintTolerationPluginTests
{
    public static TheoryData<string, V1Taint[], V1Toleration[], string> FilterCases => new()
    {
        { "no taints", [], [], "n1: ok" },
        { "untolerated NoSchedule", [Taint("dedicated", "gpu", "NoSchedule")], [], "n1: node(s) had untolerated taint {dedicated: gpu}" },
        { "untolerated NoExecute", [Taint("dedicated", "gpu", "NoExecute")], [], "n1: node(s) had untolerated taint {dedicated: gpu}" },
        { "empty value prints empty", [Taint("maintenance", "", "NoSchedule")], [], "n1: node(s) had untolerated taint {maintenance: }" },
        { "PreferNoSchedule never filters", [Taint("dedicated", "gpu", "PreferNoSchedule")], [], "n1: ok" },
        {
            "tolerated with Equal",
            [Taint("dedicated", "gpu", "NoSchedule")],
            [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "gpu", Effect = "NoSchedule" }],
            "n1: ok"
        },
        {
            "operator defaults to Equal, value differs",
            [Taint("dedicated", "gpu", "NoSchedule")],
            [new V1Toleration { Key = "dedicated", Value = "cpu" }],
            "n1: node(s) had untolerated taint {dedicated: gpu}"
        },
        { "Exists with empty key tolerates all", [Taint("a", "1", "NoSchedule"), Taint("b", "2", "NoExecute")], [new V1Toleration { OperatorProperty = "Exists" }], "n1: ok" },
        {
            "effect must match when set",
            [Taint("dedicated", "gpu", "NoExecute")],
            [new V1Toleration { Key = "dedicated", OperatorProperty = "Exists", Effect = "NoSchedule" }],
            "n1: node(s) had untolerated taint {dedicated: gpu}"
        },
        {
            "first untolerated taint in node order is reported",
            [Taint("a", "1", "NoSchedule"), Taint("b", "2", "NoSchedule")],
            [new V1Toleration { Key = "a", OperatorProperty = "Exists" }],
            "n1: node(s) had untolerated taint {b: 2}"
        },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_RejectsUntoleratedNoScheduleAndNoExecuteTaints(string name, V1Taint[] taints, V1Toleration[] tolerations, string expected)
    {
        var results = PluginRunner.Filter(new TaintTolerationPlugin(), Pod().Tolerations(tolerations), Info(Node("n1").WithTaints(taints)));

        Assert.True(expected == PluginRunner.Describe(results), $"{name}: {PluginRunner.Describe(results)}");
    }

    [Fact]
    public void Filter_RejectionIsUnresolvable()
    {
        var results = PluginRunner.Filter(new TaintTolerationPlugin(), Pod(), Info(Node("n1").WithTaints(Taint("k", "v", "NoSchedule"))));

        Assert.Equal(StatusCode.UnschedulableAndUnresolvable, results["n1"].Code);
    }

    public static TheoryData<string, V1Toleration[], string> ScoreCases => new()
    {
        { "fewer intolerable PreferNoSchedule taints score higher", [], "n0=100, n1=50, n2=0" },
        { "tolerating one key", [new V1Toleration { Key = "a", OperatorProperty = "Exists", Effect = "PreferNoSchedule" }], "n0=100, n1=100, n2=0" },
        { "tolerating everything", [new V1Toleration { OperatorProperty = "Exists" }], "n0=100, n1=100, n2=100" },
        { "NoSchedule tolerations do not count for scoring", [new V1Toleration { OperatorProperty = "Exists", Effect = "NoSchedule" }], "n0=100, n1=50, n2=0" },
    };

    [Theory]
    [MemberData(nameof(ScoreCases))]
    public void Score_PrefersNodesWithFewerIntolerablePreferNoScheduleTaints(string name, V1Toleration[] tolerations, string expected)
    {
        NodeInfo[] nodes =
        [
            Info(Node("n0").WithTaints(Taint("x", "1", "NoSchedule"))),
            Info(Node("n1").WithTaints(Taint("a", "1", "PreferNoSchedule"))),
            Info(Node("n2").WithTaints(Taint("a", "1", "PreferNoSchedule"), Taint("b", "1", "PreferNoSchedule"))),
        ];

        var scores = PluginRunner.Score(new TaintTolerationPlugin(), Pod().Tolerations(tolerations), nodes);

        Assert.True(expected == PluginRunner.Describe(scores), $"{name}: {PluginRunner.Describe(scores)}");
    }
}
