using k8s.Models;
using Skiff.Client.Controllers;
using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>
/// Wires the garbage collector. Its graph has its own informers and queues (keyed by uid, over every resource); the
/// builder only supplies its lifetime and the triggers for re-reading discovery: CRDs, and namespaces, of which there
/// is always at least one, so the collector starts as soon as the informers have synced.
/// </summary>
public sealed class GarbageCollectorSetup : IControllerSetup
{
    public string Name => "garbage-collector";

    public void Setup(ControllerContext context)
    {
        var dynamic = DynamicClient.For(context.Client);
        var runner = new GarbageCollectorRunner(
            context.Informers,
            new ResourceDiscovery(dynamic),
            new ApiGarbageCollectorClient(dynamic),
            context.Recorders("garbage-collector-controller"),
            context.Time,
            context.Loggers.CreateLogger("Skiff.Controllers.GarbageCollector"));
        context.NewController(Name)
            .Watches<V1CustomResourceDefinition>(_ => [DiscoveryReconciler.Key])
            .Watches<V1Namespace>(_ => [DiscoveryReconciler.Key])
            .Build(new DiscoveryReconciler(runner));
    }
}
