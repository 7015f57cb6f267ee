using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skiff.Kubelet.Volumes;

/// <summary>Reads volume sources straight from the API, as kubelet's "Get" change-detection strategy does.</summary>
public sealed class ApiVolumeSources(IKubernetes client) : IVolumeSources
{
    public Task<V1ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct) =>
        OrNull(() => client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct));

    public Task<V1Secret?> SecretAsync(string ns, string name, CancellationToken ct) =>
        OrNull(() => client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct));

    public Task<V1PersistentVolumeClaim?> PersistentVolumeClaimAsync(string ns, string name, CancellationToken ct) =>
        OrNull(() => client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: ct));

    public Task<V1PersistentVolume?> PersistentVolumeAsync(string name, CancellationToken ct) =>
        OrNull(() => client.CoreV1.ReadPersistentVolumeAsync(name, cancellationToken: ct));

    private static async Task<T?> OrNull<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
