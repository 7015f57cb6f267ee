using System.Net;

namespace Skiff.Kubelet.Cni;

/// <summary>What the node's pod network looks like: one bridge, addresses from the node's pod CIDR.</summary>
public sealed record CniNetworkOptions
{
    public required IPNetwork PodCidr { get; init; }

    /// <summary>The network name containerd records for each sandbox.</summary>
    public string NetworkName { get; init; } = "skiff";

    /// <summary>
    /// Linux bridge the pods attach to. k3s and kubeadm clusters call it <c>cni0</c>; tests pick their
    /// own name so two test nodes on one machine do not share a bridge.
    /// </summary>
    public string BridgeName { get; init; } = "cni0";

    /// <summary>Where host-local keeps its address leases; under the data dir so nodes never share them.</summary>
    public required string IpamDataDir { get; init; }

    public int Mtu { get; init; }
}
