using k8s.Models;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.NodeUnschedulable;

/// <summary>Keeps pods off cordoned nodes (spec.unschedulable) unless they tolerate the unschedulable taint.</summary>
internal sealed class NodeUnschedulablePlugin : IFilterPlugin
{
    public const string PluginName = "NodeUnschedulable";

    public const string ReasonUnschedulable = "node(s) were unschedulable";

    public const string ReasonUnknownCondition = "node(s) had unknown conditions";

    // Filters reject thousands of nodes per pod; one shared status per reason saves allocating each time.
    private static readonly Status s_reasonUnknownConditionStatus = Status.Unresolvable(ReasonUnknownCondition);
    private static readonly Status s_reasonUnschedulableStatus = Status.Unresolvable(ReasonUnschedulable);

    private static readonly V1Taint s_unschedulableTaint = new() { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" };

    public string Name => PluginName;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        if (node.Node is null)
        {
            return s_reasonUnknownConditionStatus;
        }

        if (!node.Unschedulable || TolerationMatcher.AnyTolerates(pod.Spec?.Tolerations, s_unschedulableTaint))
        {
            return Status.Success;
        }

        return s_reasonUnschedulableStatus;
    }
}
