namespace Skiff.Controllers.NodeIpam;

/// <summary>The node IPAM controller's one write; a fake in tests.</summary>
public interface INodeIpamClient
{
    /// <summary>Sets spec.podCIDR and spec.podCIDRs of the node.</summary>
    Task SetPodCidrAsync(string node, string cidr, CancellationToken ct);
}
