using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skiff.Kubelet.Containers;

/// <summary>Reads ConfigMaps and Secrets for env and pull secrets straight from the API, as kubelet's default get strategy.</summary>
public sealed class ApiEnvSources(IKubernetes client) : IEnvSources
{
    public async Task<V1ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<V1Secret?> SecretAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
