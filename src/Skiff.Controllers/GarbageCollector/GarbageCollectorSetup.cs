using k8s.Models;
using Skiff.Client.Controllers;
using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>Starts the garbage collector; it runs its own graph workers until leadership ends.</summary>
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

        // New or removed custom resource types change what the graph must watch.
        context.Informers.Get<V1CustomResourceDefinition>().AddHandler(_ => runner.RequestResync());
        _ = Task.Run(async () =>
        {
            using (runner)
            {
                await runner.RunAsync(context.Stopping).ConfigureAwait(false);
            }
        });
    }
}
