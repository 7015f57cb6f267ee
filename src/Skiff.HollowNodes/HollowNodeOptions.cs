using k8s.Models;

namespace Skiff.HollowNodes;

/// <summary>What `skiff hollow-nodes` registers and how its simulated kubelets behave.</summary>
public sealed class HollowNodeOptions
{
    /// <summary>Nodes get a /24 pod CIDR each out of 100.64.0.0/10, which holds this many.</summary>
    public const int MaxCount = 16384;

    public int Count { get; init; } = 1;

    public string NamePrefix { get; init; } = "hollow-";

    public ResourceQuantity Cpu { get; init; } = new("4");

    public ResourceQuantity Memory { get; init; } = new("16Gi");

    public ResourceQuantity EphemeralStorage { get; init; } = new("100Gi");

    public int Pods { get; init; } = 110;

    public string Architecture { get; init; } = "amd64";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<V1Taint> Taints { get; init; } = [];

    /// <summary>Spread topology.kubernetes.io/zone over this many zones (zone-0, zone-1, ...); 0 sets no zone.</summary>
    public int Zones { get; init; }

    /// <summary>How long a pod bound to a hollow node stays Pending before it runs.</summary>
    public TimeSpan StartupDelay { get; init; } = TimeSpan.Zero;

    /// <summary>How long stopping a deleted pod's containers takes before the kubelet removes it.</summary>
    public TimeSpan StopDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(40);

    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Upstream's nodeStatusReportFrequency: an unchanged status is written this often; the Lease is the heartbeat.</summary>
    public TimeSpan StatusReportInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests in flight while registering nodes and renewing leases.</summary>
    public int Parallelism { get; init; } = 32;

    /// <summary>Workers writing pod status, each handling one pod at a time.</summary>
    public int PodWorkers { get; init; } = 32;

    public bool DeleteOnExit { get; init; }
}
