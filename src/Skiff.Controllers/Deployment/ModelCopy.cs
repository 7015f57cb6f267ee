using k8s;

namespace Skiff.Controllers.Deployment;

/// <summary>Deep copies of typed models: lister objects are shared and must never be changed in place.</summary>
internal static class ModelCopy
{
    public static T Of<T>(T model) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(model));
}
