using System.Net;
using System.Net.Sockets;

namespace Skiff.Kubelet.Cni;

/// <summary>
/// The node-wide masquerade for pod traffic leaving the cluster, as iptables argument lists: one chain per bridge
/// in the nat table, jumped to from POSTROUTING. It replaces the bridge plugin's ipMasq, which adds and removes a
/// chain for every sandbox and made iptables the slowest part of a pod start.
/// </summary>
internal sealed record PodMasqueradeRules
{
    // iptables caps chain names at 28 characters; a bridge name has at most 15.
    private const string ChainPrefix = "SKIFF-MASQ-";

    public PodMasqueradeRules(string bridgeName, IPNetwork podCidr, IPNetwork? clusterCidr)
    {
        ArgumentException.ThrowIfNullOrEmpty(bridgeName);
        BridgeName = bridgeName;
        PodCidr = podCidr;
        // A cluster CIDR of the other family says nothing about where this node's pods may talk un-NATed.
        ClusterCidr = clusterCidr is { } cluster && cluster.BaseAddress.AddressFamily == podCidr.BaseAddress.AddressFamily ? cluster : null;
    }

    public string BridgeName { get; }

    public IPNetwork PodCidr { get; }

    public IPNetwork? ClusterCidr { get; }

    public bool IsIpv6 => PodCidr.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Named after the bridge, so nodes (and tests) with their own bridges on one machine keep their own chains.</summary>
    public string Chain => ChainName(BridgeName);

    public static string ChainName(string bridgeName) => ChainPrefix + bridgeName;

    /// <summary>Creates the chain; fails harmlessly when it exists already.</summary>
    public IReadOnlyList<string> CreateChain() => ["-w", "-t", "nat", "-N", Chain];

    /// <summary>Empties the chain, so a changed pod or cluster CIDR replaces the old rules instead of adding to them.</summary>
    public IReadOnlyList<string> FlushChain() => FlushChain(BridgeName);

    public static IReadOnlyList<string> FlushChain(string bridgeName) => ["-w", "-t", "nat", "-F", ChainName(bridgeName)];

    public static IReadOnlyList<string> DeleteChain(string bridgeName) => ["-w", "-t", "nat", "-X", ChainName(bridgeName)];

    /// <summary>
    /// The chain's rules in order: only pod sources are rewritten, and only towards addresses outside the pod and
    /// cluster CIDRs (pod-to-pod keeps its source address) and, as the bridge plugin does, never multicast.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> ChainRules()
    {
        var rules = new List<IReadOnlyList<string>>
        {
            Append("!", "-s", PodCidr.ToString(), "-j", "RETURN"),
            Append("-d", PodCidr.ToString(), "-j", "RETURN"),
        };
        if (ClusterCidr is { } cluster && !cluster.Equals(PodCidr))
        {
            rules.Add(Append("-d", cluster.ToString(), "-j", "RETURN"));
        }

        rules.Add(Append("-d", IsIpv6 ? "ff00::/8" : "224.0.0.0/4", "-j", "RETURN"));
        rules.Add(Append("-j", "MASQUERADE"));
        return rules;
    }

    /// <summary>Checks for POSTROUTING's jump into the chain; exit status 0 when present.</summary>
    public IReadOnlyList<string> CheckJump() => JumpRule(BridgeName, "-C");

    public IReadOnlyList<string> AppendJump() => JumpRule(BridgeName, "-A");

    public static IReadOnlyList<string> DeleteJump(string bridgeName) => JumpRule(bridgeName, "-D");

    // The jump matches no addresses, so it never goes stale when the CIDRs change; the chain itself filters.
    private static IReadOnlyList<string> JumpRule(string bridgeName, string operation) =>
        ["-w", "-t", "nat", operation, "POSTROUTING", "-m", "comment", "--comment", $"skiff: masquerade pods on {bridgeName}", "-j", ChainName(bridgeName)];

    private string[] Append(params string[] match) => ["-w", "-t", "nat", "-A", Chain, .. match];
}
