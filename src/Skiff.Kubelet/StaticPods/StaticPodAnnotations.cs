using k8s.Models;

namespace Skiff.Kubelet.StaticPods;

/// <summary>The annotations upstream's kubelet puts on static pods and their mirrors.</summary>
public static class StaticPodAnnotations
{
    public const string Hash = "kubernetes.io/config.hash";

    /// <summary>On a mirror pod only; its value is the static pod's hash.</summary>
    public const string Mirror = "kubernetes.io/config.mirror";

    public const string Source = "kubernetes.io/config.source";

    public const string Seen = "kubernetes.io/config.seen";

    /// <summary>The source name upstream uses for manifests read from the static pod directory.</summary>
    public const string FileSource = "file";

    public static bool IsMirror(V1Pod pod) => pod.Metadata?.Annotations?.ContainsKey(Mirror) == true;
}
