using System.Globalization;
using k8s.Models;

namespace Skiff.Kubelet.Node;

/// <summary>The Node's status as kubelet reports it: capacity, allocatable, addresses, nodeInfo and the four conditions.</summary>
public static class NodeStatusBuilder
{
    public const string KubeletVersion = "v1.33.0-skiff";

    public const int MaxPods = 110;

    public static Dictionary<string, ResourceQuantity> Capacity(MachineInfo machine) => new(StringComparer.Ordinal)
    {
        ["cpu"] = new ResourceQuantity(machine.Cpus.ToString(CultureInfo.InvariantCulture)),
        ["memory"] = new ResourceQuantity((machine.MemoryBytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki"),
        ["ephemeral-storage"] = new ResourceQuantity((machine.EphemeralStorageBytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki"),
        ["pods"] = new ResourceQuantity(MaxPods.ToString(CultureInfo.InvariantCulture)),
    };

    public const int DefaultKubeletPort = 10250;

    public static V1NodeStatus Build(string nodeName, MachineInfo machine, string runtimeVersion, IList<V1NodeCondition>? old, DateTime now, int kubeletPort = DefaultKubeletPort)
    {
        var capacity = Capacity(machine);
        var addresses = new List<V1NodeAddress>();
        if (machine.InternalIp is not null)
        {
            addresses.Add(new V1NodeAddress { Address = machine.InternalIp, Type = "InternalIP" });
        }

        addresses.Add(new V1NodeAddress { Address = nodeName, Type = "Hostname" });
        return new V1NodeStatus
        {
            Capacity = capacity,
            Allocatable = new Dictionary<string, ResourceQuantity>(capacity),
            Addresses = addresses,
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = kubeletPort } },
            NodeInfo = new V1NodeSystemInfo
            {
                Architecture = machine.Architecture,
                BootID = machine.BootId,
                ContainerRuntimeVersion = runtimeVersion,
                KernelVersion = machine.KernelVersion,
                KubeProxyVersion = string.Empty,
                KubeletVersion = KubeletVersion,
                MachineID = machine.MachineId,
                OperatingSystem = "linux",
                OsImage = machine.OsImage,
                SystemUUID = machine.MachineId,
            },
            Conditions =
            [
                Condition(old, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                Condition(old, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                Condition(old, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                Condition(old, "Ready", "True", "KubeletReady", "kubelet is posting ready status", now),
            ],
        };
    }

    private static V1NodeCondition Condition(IList<V1NodeCondition>? old, string type, string status, string reason, string message, DateTime now)
    {
        var previous = old?.FirstOrDefault(c => c.Type == type);
        return new V1NodeCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastHeartbeatTime = now,
            LastTransitionTime = previous?.Status == status ? previous.LastTransitionTime : now,
        };
    }
}
