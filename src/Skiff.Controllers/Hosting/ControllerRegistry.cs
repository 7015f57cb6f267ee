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
    public static IReadOnlyList<IControllerSetup> All(string clusterCidr = NodeIpamSetup.DefaultClusterCidr) =>
    [
        new ReplicaSetSetup(),
        new ReplicationControllerSetup(),
        new Deployment.DeploymentSetup(),
        new GarbageCollectorSetup(),
        new NamespaceSetup(),
        new ServiceAccountSetup(),
        new PodGcSetup(),
        new NodeIpamSetup(clusterCidr),
    ];
}
