using k8s;
using k8s.Models;
using Skiff.Client.Informers;
using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.Namespace;

/// <summary>The namespace controller's API calls over the dynamic client.</summary>
internal sealed class ApiNamespaceClient(DynamicClient client, IResourceDiscovery discovery) : INamespaceClient
{
    private static readonly ApiResource Namespaces = new(string.Empty, "v1", "namespaces", "Namespace", false, new HashSet<string>());

    public Task<DiscoveryResult> DiscoverAsync(CancellationToken ct) => discovery.DiscoverAsync(ct);

    public async Task<V1Namespace?> GetAsync(string name, CancellationToken ct)
    {
        var json = await client.GetJsonAsync(Namespaces.ObjectPath(null, name), ct).ConfigureAwait(false);
        return json is null ? null : KubernetesJson.Deserialize<V1Namespace>(json.ToJsonString());
    }

    public async Task<V1Namespace> UpdateStatusAsync(V1Namespace ns, CancellationToken ct)
    {
        var json = await client.SendAsync(HttpMethod.Put, Namespaces.ObjectPath(null, ns.Metadata.Name) + "/status", Serialize(ns), "application/json", "application/json", ct)
            .ConfigureAwait(false);
        return KubernetesJson.Deserialize<V1Namespace>(json.ToJsonString());
    }

    public Task FinalizeAsync(V1Namespace ns, CancellationToken ct) =>
        client.SendAsync(HttpMethod.Put, Namespaces.ObjectPath(null, ns.Metadata.Name) + "/finalize", Serialize(ns), "application/json", "application/json", ct);

    public Task DeleteCollectionAsync(ApiResource resource, string ns, CancellationToken ct) =>
        client.DeleteCollectionAsync(resource, ns, new V1DeleteOptions { PropagationPolicy = "Background" }, ct);

    public Task<IReadOnlyList<PartialObject>> ListAsync(ApiResource resource, string ns, CancellationToken ct) =>
        client.ListMetadataAsync(resource, ns, ct);

    public Task DeleteAsync(ApiResource resource, string ns, string name, CancellationToken ct) =>
        client.DeleteAsync(resource, ns, name, new V1DeleteOptions { PropagationPolicy = "Background" }, ct);

    private static string Serialize(V1Namespace ns)
    {
        ns.ApiVersion = "v1";
        ns.Kind = "Namespace";
        return KubernetesJson.Serialize(ns);
    }
}
