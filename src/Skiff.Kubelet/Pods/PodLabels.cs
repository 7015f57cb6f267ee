namespace Skiff.Kubelet.Pods;

/// <summary>The labels and annotations kubelet puts on CRI sandboxes and containers; re-adoption reads them back.</summary>
public static class PodLabels
{
    public const string PodName = "io.kubernetes.pod.name";
    public const string PodNamespace = "io.kubernetes.pod.namespace";
    public const string PodUid = "io.kubernetes.pod.uid";
    public const string ContainerName = "io.kubernetes.container.name";
    public const string RestartCount = "io.kubernetes.container.restartCount";
    public const string TerminationMessagePath = "io.kubernetes.container.terminationMessagePath";
    public const string ContainerType = "io.kubernetes.container.type";
    public const string KubeletManaged = "io.skiff.kubelet";
}
