using System.Net;
using System.Security.Cryptography.X509Certificates;

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

    /// <summary><c>--kubelet-port</c>: where the kubelet's HTTPS API listens (logs, exec, port-forward); 0 picks a free port.</summary>
    public int KubeletPort { get; init; } = 10250;

    /// <summary>The address the kubelet's HTTPS API listens on.</summary>
    public IPAddress KubeletAddress { get; init; } = IPAddress.Any;

    /// <summary>
    /// The kubelet's serving certificate (with key), issued by the cluster CA. The caller supplies it: <c>skiff server</c>
    /// issues it from its own CA, an agent gets it from the server. Without it (and <see cref="ClientAuthority"/>) the
    /// kubelet serves no HTTPS API.
    /// </summary>
    public X509Certificate2? ServingCertificate { get; init; }

    /// <summary>Only client certificates issued by this CA (the cluster CA) may use the kubelet's HTTPS API.</summary>
    public X509Certificate2? ClientAuthority { get; init; }

    /// <summary>The pod network's bridge (default <c>cni0</c>); tests pick their own so runs on one machine do not meet.</summary>
    public string BridgeName { get; init; } = "cni0";

    /// <summary><c>--container-log-max-size</c> and <c>--container-log-max-files</c>: when container logs rotate.</summary>
    public Logs.ContainerLogPolicy ContainerLogs { get; init; } = new();

    public string ResolvedNodeName => string.IsNullOrEmpty(NodeName) ? Environment.MachineName.ToLowerInvariant() : NodeName;
}
