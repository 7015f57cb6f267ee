using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skiff.Kubelet.Volumes;

/// <summary>Reads volume sources straight from the API, as kubelet's "Get" change-detection strategy does.</summary>
public sealed class ApiVolumeSources(IKubernetes client, TimeProvider? time = null) : IVolumeSources
{
    private readonly ServiceAccountTokenCache _tokens = new(time ?? TimeProvider.System);

    public Task<V1ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct) =>
        OrNull(() => client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct));

    public Task<V1Secret?> SecretAsync(string ns, string name, CancellationToken ct) =>
        OrNull(() => client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct));

    public Task<V1PersistentVolumeClaim?> PersistentVolumeClaimAsync(string ns, string name, CancellationToken ct) =>
        OrNull(() => client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: ct));

    public Task<V1PersistentVolume?> PersistentVolumeAsync(string name, CancellationToken ct) =>
        OrNull(() => client.CoreV1.ReadPersistentVolumeAsync(name, cancellationToken: ct));

    public Task<string> ServiceAccountTokenAsync(V1Pod pod, string? audience, long expirationSeconds, CancellationToken ct)
    {
        var ns = pod.Metadata.NamespaceProperty ?? "default";
        var account = string.IsNullOrEmpty(pod.Spec.ServiceAccountName) ? "default" : pod.Spec.ServiceAccountName;
        var key = $"{pod.Metadata.Uid}/{account}/{audience}/{expirationSeconds}";
        return _tokens.GetAsync(key, expirationSeconds, async () =>
        {
            var request = new Authenticationv1TokenRequest
            {
                Spec = new V1TokenRequestSpec
                {
                    Audiences = string.IsNullOrEmpty(audience) ? [] : [audience],
                    ExpirationSeconds = expirationSeconds,
                    BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Metadata.Name, Uid = pod.Metadata.Uid },
                },
            };
            try
            {
                var issued = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, account, ns, cancellationToken: ct).ConfigureAwait(false);
                return issued.Status.Token;
            }
            catch (HttpOperationException e) when (ApiMessage(e) is { } message)
            {
                throw new InvalidOperationException(message, e);
            }
        });
    }

    private static string? ApiMessage(HttpOperationException e)
    {
        try
        {
            return System.Text.Json.JsonDocument.Parse(e.Response.Content).RootElement.GetProperty("message").GetString();
        }
        catch (Exception parse) when (parse is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

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
