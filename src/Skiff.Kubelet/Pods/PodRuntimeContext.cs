using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Cache;
using Skiff.Client.Events;
using Skiff.Kubelet.Containers;
using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Images;
using Skiff.Kubelet.Lifecycle;
using Skiff.Kubelet.Probes;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Pods;

/// <summary>The node-wide collaborators every pod worker uses.</summary>
public sealed record PodRuntimeContext
{
    public required IKubernetes Client { get; init; }

    public required CriConnection Cri { get; init; }

    public required ImagePuller Images { get; init; }

    public required IVolumeManager Volumes { get; init; }

    public required IProbeManager Probes { get; init; }

    public required IHookRunner Hooks { get; init; }

    public required IEventRecorder Events { get; init; }

    public required IEnvSources EnvSources { get; init; }

    public required ILister<V1Service> Services { get; init; }

    public required KubeletPaths Paths { get; init; }

    public required CrashLoopBackoff Backoff { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILogger Logger { get; init; }

    public required Func<string?> HostIp { get; init; }

    public required Func<IDictionary<string, ResourceQuantity>> NodeAllocatable { get; init; }

    /// <summary>Shared by every pod worker: how many sandboxes and containers are created at once.</summary>
    public PodStartGate StartGate { get; init; } = new(PodStartGate.DefaultSlots);

    public string ClusterDns { get; init; } = "10.43.0.10";

    public string ClusterDomain { get; init; } = "cluster.local";

    public string HostResolvConf { get; init; } = "/etc/resolv.conf";
}
