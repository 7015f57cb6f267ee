using Skiff.Client.Controllers;
using Skiff.Controllers.ReplicaSet;

namespace Skiff.Controllers.Hosting;

/// <summary>Every controller the controller manager runs. One line per controller, so adding one is a one-line merge.</summary>
public static class ControllerRegistry
{
    public static IReadOnlyList<IControllerSetup> All() =>
    [
        new ReplicaSetSetup(),
        new ReplicationControllerSetup(),
        new Deployment.DeploymentSetup(),
    ];
}
