using k8s.Models;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>The core/v1 ReplicationController controller: the ReplicaSet logic over RCs, as upstream.</summary>
internal sealed class ReplicationControllerSetup : IControllerSetup
{
    public string Name => "replicationcontroller";

    public void Setup(ControllerContext context)
    {
        var pods = context.Informers.Get<V1Pod>();
        var kind = new ReplicationControllerKind(context.Informers.Get<V1ReplicationController>().Lister);
        var reconciler = ReplicaControllerWiring.NewReconciler(context, kind, pods, "replication-controller");
        context.NewController(Name)
            .For<V1ReplicationController>()
            .Owns<V1Pod>()
            .Watches<V1Pod>(pod => ReplicaControllerWiring.OrphanOwners(kind, pod))
            .WithWorkers(ReplicaControllerWiring.Workers)
            .Build(reconciler);
    }
}
