using k8s.Models;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.RootCaPublisher;

/// <summary>Publishes the cluster CA as ConfigMap kube-root-ca.crt in every namespace, for in-cluster clients.</summary>
public sealed class RootCaPublisherSetup(string caBundle) : IControllerSetup
{
    public string Name => "root-ca-cert-publisher";

    public void Setup(ControllerContext context)
    {
        var reconciler = new RootCaPublisherReconciler(
            context.Informers.Get<V1Namespace>().Lister,
            context.Informers.Get<V1ConfigMap>().Lister,
            new ApiRootCaClient(context.Client),
            caBundle);
        context.NewController(Name)
            .For<V1Namespace>()
            .Watches<V1ConfigMap>(RootCaPublisherReconciler.NamespaceOf)
            .Build(reconciler);
    }
}
