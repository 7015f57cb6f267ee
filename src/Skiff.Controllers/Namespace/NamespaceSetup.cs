using k8s.Models;
using Skiff.Client.Controllers;
using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.Namespace;

/// <summary>Wires the namespace controller: namespaces are its only trigger; it requeues itself while content remains.</summary>
public sealed class NamespaceSetup : IControllerSetup
{
    public string Name => "namespace";

    public void Setup(ControllerContext context)
    {
        var dynamic = DynamicClient.For(context.Client);
        var reconciler = new NamespaceReconciler(
            new ApiNamespaceClient(dynamic, new ResourceDiscovery(dynamic)),
            context.Informers.Get<V1Pod>().Lister,
            context.Time,
            context.Loggers.CreateLogger("Skiff.Controllers.Namespace"));
        context.NewController(Name).For<V1Namespace>().WithWorkers(2).Build(reconciler);
    }
}
