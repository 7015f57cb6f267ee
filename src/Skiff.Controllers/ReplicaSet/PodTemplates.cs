using k8s;
using k8s.Models;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>Builds the pod a ReplicaSet creates from its template, as upstream's GetPodFromTemplate.</summary>
internal static class PodTemplates
{
    public static V1Pod NewPod(ReplicaSetView owner, V1PodTemplateSpec template)
    {
        // Copied through JSON so the pod never shares mutable parts with the cached owner.
        var copy = KubernetesJson.Deserialize<V1PodTemplateSpec>(KubernetesJson.Serialize(template));
        var labels = copy.Metadata?.Labels ?? new Dictionary<string, string>();
        if (labels.Count == 0)
        {
            throw new InvalidOperationException("unable to create pods, no labels");
        }

        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = owner.Name + "-",
                NamespaceProperty = owner.Namespace,
                Labels = labels,
                Annotations = copy.Metadata?.Annotations,
                Finalizers = copy.Metadata?.Finalizers,
                OwnerReferences = [owner.ControllerReference()],
            },
            Spec = copy.Spec,
        };
    }
}
