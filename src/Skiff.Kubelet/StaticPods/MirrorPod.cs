using k8s;
using k8s.Models;

namespace Skiff.Kubelet.StaticPods;

/// <summary>
/// The API's view of a static pod: same name, namespace, labels, annotations and spec, plus the mirror annotation
/// holding the static pod's hash and a controller reference to the Node (so the Node's deletion takes it along).
/// The API server gives it a uid of its own; the kubelet never runs it.
/// </summary>
public static class MirrorPod
{
    public static V1Pod Build(StaticPodManifest staticPod, string nodeUid)
    {
        var source = staticPod.Pod;
        var annotations = new Dictionary<string, string>(source.Metadata.Annotations) { [StaticPodAnnotations.Mirror] = staticPod.Hash };
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = source.Metadata.Name,
                NamespaceProperty = source.Metadata.NamespaceProperty,
                Labels = source.Metadata.Labels is null ? null : new Dictionary<string, string>(source.Metadata.Labels),
                Annotations = annotations,
                OwnerReferences =
                [
                    new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = source.Spec.NodeName, Uid = nodeUid, Controller = true },
                ],
            },
            Spec = KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(source.Spec)),
        };
    }

    /// <summary>True when <paramref name="apiPod"/> is the current, live mirror of <paramref name="staticPod"/>.</summary>
    public static bool IsCurrentMirrorOf(V1Pod apiPod, StaticPodManifest staticPod) =>
        apiPod.Metadata.DeletionTimestamp is null
        && apiPod.Metadata.Annotations?.TryGetValue(StaticPodAnnotations.Mirror, out var hash) == true
        && hash == staticPod.Hash;
}
