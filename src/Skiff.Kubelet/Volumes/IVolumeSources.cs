using k8s.Models;

namespace Skiff.Kubelet.Volumes;

/// <summary>Where volume content comes from; null means the object does not exist.</summary>
public interface IVolumeSources
{
    Task<V1ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct);

    Task<V1Secret?> SecretAsync(string ns, string name, CancellationToken ct);

    Task<V1PersistentVolumeClaim?> PersistentVolumeClaimAsync(string ns, string name, CancellationToken ct);

    Task<V1PersistentVolume?> PersistentVolumeAsync(string name, CancellationToken ct);

    /// <summary>A token for the pod's service account, bound to the pod; fails with the API's message when refused.</summary>
    Task<string> ServiceAccountTokenAsync(V1Pod pod, string? audience, long expirationSeconds, CancellationToken ct);
}
