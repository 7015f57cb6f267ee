using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.NodeName;

/// <summary>A pod that names its node (spec.nodeName) fits only there.</summary>
internal sealed class NodeNamePlugin : IFilterPlugin
{
    public const string PluginName = "NodeName";

    public const string Reason = "node(s) didn't match the requested node name";

    // Filters reject thousands of nodes per pod; one shared status per reason saves allocating each time.
    private static readonly Status s_rejected = Status.Unresolvable(Reason);

    public string Name => PluginName;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        var wanted = pod.Spec?.NodeName;
        return string.IsNullOrEmpty(wanted) || wanted == node.Name ? Status.Success : s_rejected;
    }
}
