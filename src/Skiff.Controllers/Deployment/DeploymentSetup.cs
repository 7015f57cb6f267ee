using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// The "deployment" controller: Deployments, the ReplicaSets they own (orphans queue the Deployments that could adopt
/// them), and Pods of Recreate Deployments, whose rollout waits for old pods to be gone.
/// </summary>
public sealed class DeploymentSetup : IControllerSetup
{
    public string Name => "deployment";

    public void Setup(ControllerContext context)
    {
        var deployments = context.Informers.Get<V1Deployment>().Lister;
        var replicaSets = context.Informers.Get<V1ReplicaSet>().Lister;
        var pods = context.Informers.Get<V1Pod>().Lister;
        var services = new SyncServices(
            new KubernetesDeploymentWriter(context.Client), context.Recorders("deployment-controller"), context.Time, replicaSets);
        context.NewController(Name)
            .For<V1Deployment>()
            .Owns<V1ReplicaSet>()
            .Watches<V1ReplicaSet>(rs => OwnerMapping.AdoptersOf(rs, deployments))
            .Watches<V1Pod>(pod => OwnerMapping.RecreateDeploymentOf(pod, replicaSets, deployments))
            .Build(new DeploymentReconciler(deployments, replicaSets, pods, services));
    }
}
