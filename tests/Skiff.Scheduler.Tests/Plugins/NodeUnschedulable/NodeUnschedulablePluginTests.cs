using k8s.Models;
using Skiff.Scheduler.Plugins.NodeUnschedulable;
using static Skiff.Scheduler.Tests.Plugins.TestNodes;
using static Skiff.Scheduler.Tests.Plugins.TestPods;

namespace Skiff.Scheduler.Tests.Plugins.NodeUnschedulable;

public sealed class NodeUnschedulablePluginTests
{
    public static TheoryData<string, V1Pod, bool, string> Cases => new()
    {
        { "schedulable node", Pod(), false, "n1: ok" },
        { "cordoned node", Pod(), true, "n1: node(s) were unschedulable" },
        {
            "cordoned node, pod tolerates the unschedulable taint",
            Pod().Tolerations(new V1Toleration { Key = "node.kubernetes.io/unschedulable", OperatorProperty = "Exists", Effect = "NoSchedule" }),
            true,
            "n1: ok"
        },
        { "cordoned node, pod tolerates everything", Pod().Tolerations(new V1Toleration { OperatorProperty = "Exists" }), true, "n1: ok" },
        {
            "cordoned node, toleration for another effect",
            Pod().Tolerations(new V1Toleration { Key = "node.kubernetes.io/unschedulable", OperatorProperty = "Exists", Effect = "NoExecute" }),
            true,
            "n1: node(s) were unschedulable"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filter_RejectsCordonedNodesUnlessTolerated(string name, V1Pod pod, bool unschedulable, string expected)
    {
        var node = Node("n1");
        node.Spec.Unschedulable = unschedulable;

        var results = PluginRunner.Filter(new NodeUnschedulablePlugin(), pod, Info(node));

        Assert.True(expected == PluginRunner.Describe(results), name);
    }
}
