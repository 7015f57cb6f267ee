using k8s;
using k8s.Models;

namespace Skiff.Kubelet.StaticPods;

/// <summary>
/// What upstream's kubelet does to a pod read from a manifest before it runs it: the node name appended to its name
/// (so mirrors of the same manifest on different nodes do not collide), the default namespace, the node binding, the
/// hash as uid and annotations, a toleration of every NoExecute taint (a static pod is never evicted), and a Pending
/// status to start from.
/// </summary>
public static class StaticPodDefaults
{
    public static V1Pod Apply(V1Pod manifest, string nodeName, DateTime seen)
    {
        var pod = KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(manifest));
        var hash = StaticPodHash.Compute(KubernetesJson.Serialize(manifest), nodeName, StaticPodAnnotations.FileSource);
        var meta = pod.Metadata;
        meta.Name = NameOnNode(meta.Name, nodeName);
        meta.NamespaceProperty = string.IsNullOrEmpty(meta.NamespaceProperty) ? "default" : meta.NamespaceProperty;
        meta.Uid = hash;
        meta.CreationTimestamp = seen;
        meta.Annotations ??= new Dictionary<string, string>();
        meta.Annotations[StaticPodAnnotations.Hash] = hash;
        meta.Annotations[StaticPodAnnotations.Source] = StaticPodAnnotations.FileSource;
        meta.Annotations[StaticPodAnnotations.Seen] = seen.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        pod.Spec.NodeName = nodeName;
        pod.Spec.Tolerations ??= [];
        if (!pod.Spec.Tolerations.Any(t => t.OperatorProperty == "Exists" && t.Key is null && t.Effect == "NoExecute"))
        {
            pod.Spec.Tolerations.Add(new V1Toleration { OperatorProperty = "Exists", Effect = "NoExecute" });
        }

        pod.Status = new V1PodStatus { Phase = "Pending" };
        return pod;
    }

    /// <summary>The name the pod (and its mirror) has on a node: <c>&lt;name&gt;-&lt;node name in lower case&gt;</c>.</summary>
    public static string NameOnNode(string name, string nodeName) => $"{name}-{nodeName.ToLowerInvariant()}";
}
