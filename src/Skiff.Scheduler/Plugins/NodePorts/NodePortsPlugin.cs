using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.NodePorts;

/// <summary>A pod's host ports must be free on the node; a wildcard IP (0.0.0.0) clashes with every IP.</summary>
internal sealed class NodePortsPlugin : IPreFilterPlugin, IFilterPlugin
{
    public const string PluginName = "NodePorts";

    public const string Reason = "node(s) didn't have free ports for the requested pod ports";

    // Filters reject thousands of nodes per pod; one shared status per reason saves allocating each time.
    private static readonly Status s_rejected = Status.Unschedulable(Reason);

    private const string StateKey = "PreFilter" + PluginName;

    private const string AnyIp = "0.0.0.0";

    public string Name => PluginName;

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var ports = NodeInfo.HostPorts(pod).ToArray();
        if (ports.Length == 0)
        {
            return (null, Status.Skip);
        }

        state.Write(StateKey, ports);
        return (null, Status.Success);
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        var wanted = state.Read<HostPort[]>(StateKey) ?? NodeInfo.HostPorts(pod).ToArray();
        foreach (var port in wanted)
        {
            if (Conflicts(port, node.UsedPorts))
            {
                return s_rejected;
            }
        }

        return Status.Success;
    }

    internal static bool Conflicts(HostPort wanted, HashSet<HostPort> used)
    {
        if (used.Count == 0)
        {
            return false;
        }

        if (wanted.Ip == AnyIp)
        {
            foreach (var port in used)
            {
                if (port.Port == wanted.Port && port.Protocol == wanted.Protocol)
                {
                    return true;
                }
            }

            return false;
        }

        return used.Contains(wanted) || used.Contains(wanted with { Ip = AnyIp });
    }
}
