using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Hosting;

/// <summary>The namespaces every cluster has from its first start.</summary>
public static class SystemNamespaces
{
    public static readonly IReadOnlyList<string> Names = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static async Task EnsureAsync(Registries registries, ResourceCatalog catalog, CancellationToken ct)
    {
        var info = catalog.Find(string.Empty, "v1", "namespaces")!;
        var store = registries.For(info);
        foreach (var name in Names)
        {
            if (await store.TryGetAsync(string.Empty, name, ct).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var ns = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name },
                },
            };
            store.Strategy.PrepareForCreate(ns);
            try
            {
                await store.CreateAsync(ns, dryRun: false, ct).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code == 409)
            {
                // Another server created it first.
            }
        }
    }
}
