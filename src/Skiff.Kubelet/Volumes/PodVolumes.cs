namespace Skiff.Kubelet.Volumes;

/// <summary>Where each of a pod's volumes lives on the host, by volume name.</summary>
public sealed class PodVolumes(IReadOnlyDictionary<string, VolumeHostPath> volumes)
{
    public IReadOnlyDictionary<string, VolumeHostPath> Volumes { get; } = volumes;

    public VolumeHostPath? HostPath(string volumeName) => Volumes.GetValueOrDefault(volumeName);
}
