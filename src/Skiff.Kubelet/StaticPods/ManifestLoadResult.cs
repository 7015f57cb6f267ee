namespace Skiff.Kubelet.StaticPods;

/// <summary>The pods found in the manifest directory, and a message per file or document that could not be used.</summary>
public sealed record ManifestLoadResult(IReadOnlyList<StaticPodManifest> Pods, IReadOnlyList<(string File, string Message)> Errors);
