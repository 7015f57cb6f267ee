using k8s.Models;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.ServiceAccount;

public sealed class ServiceAccountSetup : IControllerSetup
{
    public string Name => "serviceaccount";

    public void Setup(ControllerContext context)
    {
        var reconciler = new ServiceAccountReconciler(
            context.Informers.Get<V1Namespace>().Lister,
            context.Informers.Get<V1ServiceAccount>().Lister,
            new ApiServiceAccountClient(context.Client));
        context.NewController(Name)
            .For<V1Namespace>()
            .Watches<V1ServiceAccount>(ServiceAccountReconciler.NamespaceOf)
            .Build(reconciler);
    }
}
