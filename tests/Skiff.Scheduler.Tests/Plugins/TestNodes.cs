using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Plugins;

/// <summary>Nodes and node infos for plugin tables: labels as "k=v" strings, capacity as quantities.</summary>
internal static class TestNodes
{
    public static V1Node Node(string name, params string[] labels) => SizedNode(name, "4", "16Gi", "110", labels);

    public static V1Node SizedNode(string name, string cpu, string memory, string pods, params string[] labels)
    {
        var map = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name };
        foreach (var label in labels)
        {
            var eq = label.IndexOf('=', StringComparison.Ordinal);
            map[label[..eq]] = label[(eq + 1)..];
        }

        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = map },
            Spec = new V1NodeSpec(),
            Status = new V1NodeStatus
            {
                Allocatable = new Dictionary<string, ResourceQuantity>
                {
                    ["cpu"] = new(cpu),
                    ["memory"] = new(memory),
                    ["pods"] = new(pods),
                },
            },
        };
    }

    public static V1Node WithTaints(this V1Node node, params V1Taint[] taints)
    {
        node.Spec.Taints = taints;
        return node;
    }

    public static V1Node WithAllocatable(this V1Node node, string resource, string quantity)
    {
        node.Status.Allocatable[resource] = new ResourceQuantity(quantity);
        return node;
    }

    public static NodeInfo Info(V1Node node, params V1Pod[] pods)
    {
        var info = new NodeInfo(node);
        foreach (var pod in pods)
        {
            pod.Spec.NodeName = node.Metadata.Name;
            info.AddPod(new PodInfo(pod));
        }

        return info;
    }

    public static V1Taint Taint(string key, string value, string effect) => new() { Key = key, Value = value, Effect = effect };
}
