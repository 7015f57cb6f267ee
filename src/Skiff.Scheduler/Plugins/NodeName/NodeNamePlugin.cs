using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.NodeName;

/// <summary>A pod that names its node (spec.nodeName) fits only there.</summary>
internal sealed class NodeNamePlugin : IFilterPlugin
{
    public const string PluginName = "NodeName";

    public const string Reason = "node(s) didn't match the requested node name";

    public string Name => PluginName;

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        var wanted = pod.Spec?.NodeName;
        return string.IsNullOrEmpty(wanted) || wanted == node.Name ? Status.Success : Status.Unresolvable(Reason);
    }
}
