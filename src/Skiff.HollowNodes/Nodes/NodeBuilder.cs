using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Skiff.HollowNodes.Nodes;

/// <summary>Builds the Node object and status a kubelet would register for hollow node number <c>index</c>.</summary>
internal sealed class NodeBuilder
{
    public const string KubeletVersion = "v1.33.0-skiff-hollow";
    public const string RuntimeVersion = "hollow://1.0.0";
    public const string InstanceType = "hollow";
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    private readonly HollowNodeOptions _options;
    private readonly string _bootId = Guid.NewGuid().ToString();

    public NodeBuilder(HollowNodeOptions options)
    {
        _options = options;
    }

    public string Name(int index) => _options.NamePrefix + index.ToString(CultureInfo.InvariantCulture);

    public V1Node Node(int index) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta
        {
            Name = Name(index),
            Labels = Labels(index),
            Annotations = new Dictionary<string, string> { ["node.alpha.kubernetes.io/ttl"] = "0" },
        },
        Spec = new V1NodeSpec
        {
            PodCIDR = NodeAddressing.PodCidr(index),
            PodCIDRs = [NodeAddressing.PodCidr(index)],
            Taints = _options.Taints.Count == 0 ? null : [.. _options.Taints.Select(t => new V1Taint { Key = t.Key, Value = t.Value, Effect = t.Effect })],
        },
    };

    public Dictionary<string, string> Labels(int index)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kubernetes.io/hostname"] = Name(index),
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = _options.Architecture,
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = _options.Architecture,
            ["node.kubernetes.io/instance-type"] = InstanceType,
        };
        if (_options.Zones > 0)
        {
            labels[ZoneLabel] = Zone(index);
        }

        foreach (var (key, value) in _options.Labels)
        {
            labels[key] = value;
        }

        return labels;
    }

    public string Zone(int index) => "zone-" + (index % Math.Max(1, _options.Zones)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The whole status, as a kubelet writes it at registration; <paramref name="since"/> is when the conditions last changed.</summary>
    public JsonObject Status(int index, DateTimeOffset since, DateTimeOffset now)
    {
        var resources = new JsonObject
        {
            ["cpu"] = _options.Cpu.ToString(),
            ["ephemeral-storage"] = _options.EphemeralStorage.ToString(),
            ["memory"] = _options.Memory.ToString(),
            ["pods"] = _options.Pods.ToString(CultureInfo.InvariantCulture),
        };
        return new JsonObject
        {
            ["capacity"] = resources,
            ["allocatable"] = resources.DeepClone(),
            ["conditions"] = Conditions(since, now),
            ["addresses"] = new JsonArray
            {
                new JsonObject { ["type"] = "InternalIP", ["address"] = NodeAddressing.InternalIp(index) },
                new JsonObject { ["type"] = "Hostname", ["address"] = Name(index) },
            },
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
            ["nodeInfo"] = new JsonObject
            {
                ["machineID"] = MachineId(index),
                ["systemUUID"] = SystemUuid(index),
                ["bootID"] = _bootId,
                ["kernelVersion"] = "6.1.0-hollow",
                ["osImage"] = "Skiff hollow node",
                ["containerRuntimeVersion"] = RuntimeVersion,
                ["kubeletVersion"] = KubeletVersion,
                ["kubeProxyVersion"] = KubeletVersion,
                ["operatingSystem"] = "linux",
                ["architecture"] = _options.Architecture,
            },
        };
    }

    /// <summary>A heartbeat status patch: the same conditions with a fresh heartbeat time (strategic merge, keyed by type).</summary>
    public static JsonObject HeartbeatPatch(DateTimeOffset since, DateTimeOffset now) =>
        new() { ["status"] = new JsonObject { ["conditions"] = Conditions(since, now) } };

    // Upstream's order and wording for a healthy kubelet.
    private static JsonArray Conditions(DateTimeOffset since, DateTimeOffset now) =>
    [
        Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", since, now),
        Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", since, now),
        Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", since, now),
        Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", since, now),
    ];

    private static JsonObject Condition(string type, string status, string reason, string message, DateTimeOffset since, DateTimeOffset now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastHeartbeatTime"] = ApiTime.Format(now),
        ["lastTransitionTime"] = ApiTime.Format(since),
        ["reason"] = reason,
        ["message"] = message,
    };

    private static string MachineId(int index) => index.ToString("x32", CultureInfo.InvariantCulture);

    private static string SystemUuid(int index) => $"{index:x8}-0000-4000-8000-{index:x12}";
}
