using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.ServiceAccounts;

/// <summary>Reads core/v1 objects straight from the store: what a token is bound to must exist now, not in some cache.</summary>
public sealed class CoreObjectLookup
{
    private readonly Registries _registries;
    private readonly ResourceCatalog _catalog;

    public CoreObjectLookup(Registries registries, ResourceCatalog catalog)
    {
        _registries = registries;
        _catalog = catalog;
    }

    public async Task<JsonObject?> GetAsync(string resource, string ns, string name, CancellationToken ct)
    {
        var info = _catalog.Find(string.Empty, "v1", resource) ?? throw new InvalidOperationException($"core resource {resource} is not served");
        var found = await _registries.For(info).TryGetAsync(info.Namespaced ? ns : string.Empty, name, ct).ConfigureAwait(false);
        return found?.Object;
    }
}
