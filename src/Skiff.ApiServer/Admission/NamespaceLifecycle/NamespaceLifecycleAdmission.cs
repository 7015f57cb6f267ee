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
/// Upstream reads a namespace lister and asks the store on a miss or for a namespace it deleted lately; here the watch
/// cache answers when it has seen every namespace write of this server (<see cref="FreshReads"/>): reading and parsing
/// the namespace from the store on every pod create was a visible share of a create's cost.
/// </remarks>
public sealed class NamespaceLifecycleAdmission
{
    private readonly Registries _registries;
    private readonly ResourceInfo _namespaces;
    private readonly FreshReads _reads;

    public NamespaceLifecycleAdmission(Registries registries, ResourceCatalog catalog, FreshReads reads)
    {
        _registries = registries;
        _reads = reads;
        _namespaces = catalog.Find(string.Empty, "v1", "namespaces") ?? throw new InvalidOperationException("namespaces missing from the catalog");
    }

    /// <summary>Refuses the create of <paramref name="name"/> (of <paramref name="resource"/>) in <paramref name="ns"/> as upstream does.</summary>
    public async ValueTask AdmitCreateAsync(ResourceInfo resource, string ns, string name, CancellationToken ct)
    {
        var found = await _reads.GetAsync(_registries.For(_namespaces), string.Empty, ns, ct).ConfigureAwait(false)
            ?? throw ApiErrors.NotFound(string.Empty, "namespaces", ns);
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
}
