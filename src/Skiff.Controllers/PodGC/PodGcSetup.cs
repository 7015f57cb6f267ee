using k8s.Models;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.PodGC;

public sealed class PodGcSetup(PodGcOptions? options = null) : IControllerSetup
{
    public string Name => "pod-garbage-collector";

    public void Setup(ControllerContext context)
    {
        var reconciler = new PodGcReconciler(
            context.Informers.Get<V1Pod>().Lister,
            context.Informers.Get<V1Node>().Lister,
            new ApiPodGcClient(context.Client),
            options ?? new PodGcOptions(),
            context.Time,
            context.Loggers.CreateLogger("Skiff.Controllers.PodGC"));

        // Every relevant event queues the one sweep key; the queue folds bursts into one sweep.
        context.NewController(Name)
            .Watches<V1Pod>(p => reconciler.Matters(p) ? [PodGcReconciler.SweepKey] : [])
            .Watches<V1Node>(_ => [PodGcReconciler.SweepKey])
            .Build(reconciler);
    }
}
