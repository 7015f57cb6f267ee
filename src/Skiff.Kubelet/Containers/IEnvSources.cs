using k8s.Models;

namespace Skiff.Kubelet.Containers;

/// <summary>Where env values referenced by name come from; null when the object does not exist.</summary>
public interface IEnvSources
{
    Task<V1ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct);

    Task<V1Secret?> SecretAsync(string ns, string name, CancellationToken ct);
}
