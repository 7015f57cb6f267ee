using Skiff.Client.Controllers;
using Skiff.Controllers.GarbageCollector;
using Skiff.Controllers.Namespace;
using Skiff.Controllers.NodeIpam;
using Skiff.Controllers.PodGC;
using Skiff.Controllers.ReplicaSet;
using Skiff.Controllers.ServiceAccount;

namespace Skiff.Controllers.Hosting;

/// <summary>Every controller the controller manager runs. One line per controller, so adding one is a one-line merge.</summary>
public static class ControllerRegistry
{
    /// <param name="rootCaBundle">The cluster CA in PEM, published to every namespace; null leaves that controller out.</param>
    public static IReadOnlyList<IControllerSetup> All(string clusterCidr = NodeIpamSetup.DefaultClusterCidr, string? rootCaBundle = null) =>
    [
        new ReplicaSetSetup(),
        new ReplicationControllerSetup(),
        new Deployment.DeploymentSetup(),
        new GarbageCollectorSetup(),
        new NamespaceSetup(),
        new ServiceAccountSetup(),
        new PodGcSetup(),
        new NodeIpamSetup(clusterCidr),
        .. rootCaBundle is null ? Array.Empty<IControllerSetup>() : [new RootCaPublisher.RootCaPublisherSetup(rootCaBundle)],
    ];
}
