using System.Net;

namespace Skiff.Kubelet;

/// <summary>How the node's kubelet runs; <c>skiff server</c> and <c>skiff agent</c> fill it from their flags.</summary>
public sealed record KubeletOptions
{
    public required string DataDir { get; init; }

    /// <summary><c>--node-name</c>; the machine's host name when empty.</summary>
    public string? NodeName { get; init; }

    /// <summary><c>--container-runtime-endpoint</c>: an existing CRI socket instead of skiff's own containerd.</summary>
    public string? RuntimeEndpoint { get; init; }

    /// <summary><c>--cluster-cidr</c>: the fallback source of a pod CIDR when no controller assigns one.</summary>
    public string? ClusterCidr { get; init; }

    /// <summary>A pod CIDR to use without asking the node object (tests).</summary>
    public IPNetwork? PodCidr { get; init; }

    /// <summary>How long to wait for a pod CIDR from the node object before falling back to the cluster CIDR.</summary>
    public TimeSpan PodCidrWait { get; init; } = TimeSpan.FromSeconds(5);

    public string ClusterDns { get; init; } = "10.43.0.10";

    public string ClusterDomain { get; init; } = "cluster.local";

    public string ResolvedNodeName => string.IsNullOrEmpty(NodeName) ? Environment.MachineName.ToLowerInvariant() : NodeName;
}
