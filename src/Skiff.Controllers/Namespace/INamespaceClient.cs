using k8s.Models;
using Skiff.Client.Informers;
using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.Namespace;

/// <summary>Every API call the namespace controller makes; a fake in tests. Failures are <see cref="ApiStatusException"/>.</summary>
public interface INamespaceClient
{
    Task<DiscoveryResult> DiscoverAsync(CancellationToken ct);

    Task<V1Namespace?> GetAsync(string name, CancellationToken ct);

    Task<V1Namespace> UpdateStatusAsync(V1Namespace ns, CancellationToken ct);

    /// <summary>PUT of namespaces/{name}/finalize: the only way spec.finalizers changes.</summary>
    Task FinalizeAsync(V1Namespace ns, CancellationToken ct);

    /// <summary>DELETE of the collection with background propagation; a 405 or 404 says the verb is not served.</summary>
    Task DeleteCollectionAsync(ApiResource resource, string ns, CancellationToken ct);

    Task<IReadOnlyList<PartialObject>> ListAsync(ApiResource resource, string ns, CancellationToken ct);

    Task DeleteAsync(ApiResource resource, string ns, string name, CancellationToken ct);
}
