using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Admission;
using Skiff.ApiServer.Admission.Services;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;
using Skiff.Storage;

namespace Skiff.ApiServer.Hosting;

/// <summary>
/// The default/kubernetes Service every cluster has: the first service IP, port 443 to the API server's port.
/// Like upstream's endpoint reconciler, a restart on another port updates it.
/// </summary>
public static class KubernetesService
{
    public const string Name = "kubernetes";
    public const string Namespace = "default";

    /// <summary>Marks what stored Services hold in the allocation ranges, before any new Service is admitted.</summary>
    public static async Task RepairAllocationsAsync(Registries registries, ResourceCatalog catalog, ServiceAllocator allocator, CancellationToken ct)
    {
        var store = registries.For(Services(catalog));
        var page = await registries.Store.ListAsync(store.Prefix(string.Empty), ListOptions.All, ct).ConfigureAwait(false);
        var services = page.Items.Select(kv => store.Decode(kv.Value, kv.ModRevision).Object).ToList();
        await allocator.RepairAsync(services, ct).ConfigureAwait(false);
    }

    public static async Task EnsureAsync(
        Registries registries, ResourceCatalog catalog, AdmissionChain admission, ServiceAllocator allocator, int apiPort, CancellationToken ct)
    {
        var info = Services(catalog);
        var store = registries.For(info);
        var ports = new JsonArray(new JsonObject
        {
            ["name"] = "https",
            ["protocol"] = "TCP",
            ["port"] = 443,
            ["targetPort"] = apiPort,
        });
        var existing = await store.TryGetAsync(Namespace, Name, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            if (!JsonNode.DeepEquals(existing.Object["spec"]?["ports"], ports))
            {
                await store.UpdateAsync(Namespace, Name, live =>
                {
                    live["spec"]!["ports"] = ports.DeepClone();
                    return live;
                }, null, dryRun: false, ct).ConfigureAwait(false);
            }

            return;
        }

        var service = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = Name,
                ["namespace"] = Namespace,
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["ports"] = ports,
                ["clusterIP"] = allocator.FirstAddress,
                ["type"] = "ClusterIP",
                ["sessionAffinity"] = "None",
            },
        };
        store.Strategy.PrepareForCreate(service);
        admission.Admit(info, service, null);
        try
        {
            await store.CreateAsync(service, dryRun: false, ct).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code == 409)
        {
            // Another server created it first.
        }
    }

    private static ResourceInfo Services(ResourceCatalog catalog) =>
        catalog.Find(string.Empty, "v1", "services") ?? throw new InvalidOperationException("services missing from the catalog");
}
