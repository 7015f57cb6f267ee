using k8s.Models;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>The apps/v1 ReplicaSet controller.</summary>
internal sealed class ReplicaSetSetup : IControllerSetup
{
    public string Name => "replicaset";

    public void Setup(ControllerContext context)
    {
        var pods = context.Informers.Get<V1Pod>();
        var kind = new ReplicaSetKind(context.Informers.Get<V1ReplicaSet>().Lister);
        var reconciler = ReplicaControllerWiring.NewReconciler(context, kind, pods, "replicaset-controller");
        context.NewController(Name)
            .For<V1ReplicaSet>()
            .Owns<V1Pod>()
            .Watches<V1Pod>(pod => ReplicaControllerWiring.OrphanOwners(kind, pod))
            .WithWorkers(ReplicaControllerWiring.Workers)
            .Build(reconciler);
    }
}
