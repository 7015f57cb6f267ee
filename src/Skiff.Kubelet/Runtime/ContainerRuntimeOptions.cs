using System.Net;

namespace Skiff.Kubelet.Runtime;

/// <summary>How the node gets its container runtime: its own containerd under the data dir, or an existing CRI socket.</summary>
public sealed record ContainerRuntimeOptions
{
    /// <summary>The node's data dir (<c>/var/lib/skiff</c> for root); containerd lives under <c>agent/containerd</c>.</summary>
    public required string DataDir { get; init; }

    /// <summary>
    /// <c>--container-runtime-endpoint</c>: when set, skiff connects to this CRI socket and starts no containerd,
    /// writes no CNI config and imports no images.
    /// </summary>
    public string? RuntimeEndpoint { get; init; }

    /// <summary>The sandbox image containerd runs for every pod; built from catatonit and imported at start.</summary>
    public string SandboxImage { get; init; } = "skiff.local/pause:3.10";

    /// <summary>The node's pod CIDR when already known; otherwise call <see cref="ContainerRuntime.ConfigurePodNetwork"/> later.</summary>
    public IPNetwork? PodCidr { get; init; }

    /// <summary>
    /// <c>--cluster-cidr</c>: every node's pods, so traffic from this node's pods to it keeps its source address.
    /// Without it only this node's pod CIDR is exempt from masquerading.
    /// </summary>
    public IPNetwork? ClusterCidr { get; init; }

    /// <summary>The bridge pods attach to (<c>cni0</c>); tests use their own.</summary>
    public string BridgeName { get; init; } = "cni0";

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the system binaries are; tests point these at fakes to check the missing-package messages.</summary>
    public RuntimeBinaries Binaries { get; init; } = RuntimeBinaries.Debian;
}
