using k8s.Models;
using Skiff.Client.Informers;
using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>The collector's API calls over the dynamic client.</summary>
internal sealed class ApiGarbageCollectorClient(DynamicClient client) : IGarbageCollectorClient
{
    public Task<PartialObject?> GetAsync(ApiResource resource, string? ns, string name, CancellationToken ct) =>
        client.GetMetadataAsync(resource, resource.Namespaced ? ns : null, name, ct);

    public async Task DeleteAsync(ApiResource resource, ObjectIdentity target, string propagationPolicy, CancellationToken ct)
    {
        var options = new V1DeleteOptions
        {
            Preconditions = new V1Preconditions { Uid = target.Uid },
            PropagationPolicy = propagationPolicy,
        };
        try
        {
            await client.DeleteAsync(resource, Namespace(resource, target.Namespace), target.Name, options, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound || e.IsConflict)
        {
            // Gone already, or the name now belongs to a newer object that is not ours to delete.
        }
    }

    public Task SetOwnerReferencesAsync(ApiResource resource, PartialObject latest, IReadOnlyList<V1OwnerReference> owners, CancellationToken ct) =>
        PatchAsync(resource, latest, MetadataPatches.SetOwnerReferences(latest, owners), ct);

    public Task RemoveFinalizerAsync(ApiResource resource, PartialObject latest, string finalizer, CancellationToken ct) =>
        PatchAsync(resource, latest, MetadataPatches.RemoveFinalizer(latest, finalizer), ct);

    private async Task PatchAsync(ApiResource resource, PartialObject latest, string patch, CancellationToken ct)
    {
        try
        {
            await client.PatchAsync(resource, Namespace(resource, latest.Metadata.NamespaceProperty), latest.Metadata.Name, patch, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
        }
    }

    private static string? Namespace(ApiResource resource, string? ns) => resource.Namespaced ? ns : null;
}
