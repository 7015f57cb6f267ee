using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;

namespace Skiff.ApiServer.Admission.NamespaceLifecycle;

/// <summary>
/// Upstream's NamespaceLifecycle plugin for creates: nothing is created in a namespace that does not exist (404) or is
/// being terminated (403 with a NamespaceTerminating cause).
/// </summary>
/// <remarks>
/// Like upstream, which reads a namespace lister and asks the store only when the lister has not seen the namespace,
/// the namespace comes from the watch cache: reading and parsing it from the store on every pod create was a visible
/// share of a create's cost. The store answers when the cache has not listed yet, does not hold the namespace (created
/// a moment ago), shows it terminating (to confirm), or when this server deleted it lately and the cache may not show
/// that yet.
/// </remarks>
public sealed class NamespaceLifecycleAdmission
{
    private readonly Registries _registries;
    private readonly ResourceInfo _namespaces;
    private readonly WatchCaches? _caches;
    private WatchCache? _cache;

    /// <param name="caches">Where the namespaces' watch cache lives; without one every check reads the store.</param>
    public NamespaceLifecycleAdmission(Registries registries, ResourceCatalog catalog, WatchCaches? caches)
    {
        _registries = registries;
        _caches = caches;
        _namespaces = catalog.Find(string.Empty, "v1", "namespaces") ?? throw new InvalidOperationException("namespaces missing from the catalog");
    }

    /// <summary>Refuses the create of <paramref name="name"/> (of <paramref name="resource"/>) in <paramref name="ns"/> as upstream does.</summary>
    public async ValueTask AdmitCreateAsync(ResourceInfo resource, string ns, string name, CancellationToken ct)
    {
        var namespaces = _registries.For(_namespaces);
        var found = Cached(namespaces, ns);
        if (found is null || Json.HasDeletionTimestamp(found))
        {
            found = (await namespaces.TryGetAsync(string.Empty, ns, ct).ConfigureAwait(false))?.Object
                ?? throw ApiErrors.NotFound(string.Empty, "namespaces", ns);
        }

        if (Json.HasDeletionTimestamp(found))
        {
            var why = $"unable to create new content in namespace {ns} because it is being terminated";
            throw new ApiException(403, "Forbidden", $"{ApiErrors.Qualified(resource.Group, resource.Resource)} \"{name}\" is forbidden: {why}",
                new StatusDetails(name, resource.Group.Length == 0 ? null : resource.Group, resource.Resource)
                {
                    Causes = [new StatusCause("NamespaceTerminating", why, "metadata.namespace")],
                });
        }
    }

    private JsonObject? Cached(ResourceStore namespaces, string ns)
    {
        if (_caches is null || _registries.NamespaceDeletions.Recent(ns))
        {
            return null;
        }

        var cache = _cache ??= _caches.For(namespaces);
        return cache.TryGet(string.Empty, ns, out var cached) ? cached?.Object : null;
    }
}
