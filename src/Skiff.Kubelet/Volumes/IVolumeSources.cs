using k8s.Models;

namespace Skiff.Kubelet.Volumes;

/// <summary>Where volume content comes from; null means the object does not exist.</summary>
public interface IVolumeSources
{
    Task<V1ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct);

    Task<V1Secret?> SecretAsync(string ns, string name, CancellationToken ct);

    Task<V1PersistentVolumeClaim?> PersistentVolumeClaimAsync(string ns, string name, CancellationToken ct);

    Task<V1PersistentVolume?> PersistentVolumeAsync(string name, CancellationToken ct);
}
