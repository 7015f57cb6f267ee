using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Tests.Fakes;

/// <summary>Small pods and nodes for tests.</summary>
internal static class Objects
{
    public static V1Node Node(string name, string cpu = "4", string memory = "16Gi", string pods = "110", IDictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name, Uid = "uid-" + name, Labels = labels ?? new Dictionary<string, string>() },
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory), ["pods"] = new(pods) },
        },
    };

    public static V1Pod Pod(string name, string? cpu = null, int? priority = null, string? nodeName = null, string ns = "default", IDictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Uid = "uid-" + ns + "-" + name,
            Labels = labels,
            CreationTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        },
        Spec = new V1PodSpec
        {
            NodeName = nodeName,
            Priority = priority,
            Containers =
            [
                new V1Container
                {
                    Name = "c",
                    Resources = cpu is null ? null : new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) } },
                },
            ],
        },
        Status = new V1PodStatus { Phase = "Pending" },
    };

    public static NodeInfo NodeInfo(V1Node node, params V1Pod[] pods)
    {
        var info = new NodeInfo(node);
        foreach (var pod in pods)
        {
            info.AddPod(new PodInfo(pod));
        }

        return info;
    }
}
