using k8s.Models;

namespace Skiff.Kubelet.StaticPods;

/// <summary>A static pod ready to run (named, bound to the node, uid = hash) and the file it came from.</summary>
public sealed record StaticPodManifest(V1Pod Pod, string File)
{
    public string Uid => Pod.Metadata.Uid;

    public string Hash => Pod.Metadata.Annotations[StaticPodAnnotations.Hash];
}
