namespace Skiff.Kubelet.Volumes;

/// <summary>The plugin directory names kubelet uses under <c>pods/&lt;uid&gt;/volumes/</c>.</summary>
public static class VolumePluginNames
{
    public const string EmptyDir = "kubernetes.io~empty-dir";
    public const string ConfigMap = "kubernetes.io~configmap";
    public const string Secret = "kubernetes.io~secret";
    public const string DownwardApi = "kubernetes.io~downward-api";
    public const string Projected = "kubernetes.io~projected";
}
