using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Admission.Scheduling;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Hosting;

/// <summary>The built-in PriorityClasses every cluster has from its first start, as kube-apiserver creates them.</summary>
public static class SystemPriorityClassSeeder
{
    public static async Task EnsureAsync(Registries registries, ResourceCatalog catalog, CancellationToken ct)
    {
        var info = catalog.Find("scheduling.k8s.io", "v1", "priorityclasses")!;
        var store = registries.For(info);
        foreach (var (name, value) in SystemPriorityClasses.Known)
        {
            if (await store.TryGetAsync(string.Empty, name, ct).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var priorityClass = new JsonObject
            {
                ["apiVersion"] = "scheduling.k8s.io/v1",
                ["kind"] = "PriorityClass",
                ["metadata"] = new JsonObject { ["name"] = name },
                ["value"] = value,
                ["description"] = "Used for system critical pods that must not be moved from their current node.",
                ["preemptionPolicy"] = "PreemptLowerPriority",
            };
            if (name == "system-cluster-critical")
            {
                priorityClass["description"] = "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.";
            }

            store.Strategy.PrepareForCreate(priorityClass);
            try
            {
                await store.CreateAsync(priorityClass, dryRun: false, ct).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code == 409)
            {
                // Another server created it first.
            }
        }
    }
}
