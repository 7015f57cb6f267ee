using k8s;
using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>Controller ownerReferences between Deployments, ReplicaSets and Pods.</summary>
internal static class Ownership
{
    public static V1OwnerReference ControllerReference(V1Deployment d) =>
        new()
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Name = d.Metadata.Name,
            Uid = d.Metadata.Uid,
            Controller = true,
            BlockOwnerDeletion = true,
        };

    public static V1OwnerReference? ControllerOf(IMetadata<V1ObjectMeta> obj) =>
        obj.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
}
