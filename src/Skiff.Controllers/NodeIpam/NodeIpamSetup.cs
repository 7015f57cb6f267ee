using k8s.Models;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.NodeIpam;

/// <summary>Upstream's node-ipam controller with the RangeAllocator, over one IPv4 cluster CIDR.</summary>
public sealed class NodeIpamSetup(string clusterCidr = NodeIpamSetup.DefaultClusterCidr) : IControllerSetup
{
    public const string DefaultClusterCidr = "10.42.0.0/16";

    public string Name => "node-ipam";

    public void Setup(ControllerContext context)
    {
        var reconciler = new NodeIpamReconciler(
            context.Informers.Get<V1Node>().Lister,
            new CidrSet(clusterCidr),
            new ApiNodeIpamClient(context.Client),
            context.Recorders(Name));
        context.NewController(Name).For<V1Node>().Build(reconciler);
    }
}
