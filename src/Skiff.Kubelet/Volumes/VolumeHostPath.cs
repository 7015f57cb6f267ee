namespace Skiff.Kubelet.Volumes;

/// <summary>A volume's directory (or file, for hostPath File types) and whether it must be mounted read-only.</summary>
public sealed record VolumeHostPath(string Path, bool ReadOnly, bool SelinuxRelabel = false);
