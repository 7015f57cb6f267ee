using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;
using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.Namespace;

/// <summary>
/// Empties a namespace being deleted: deletes every namespaced resource in it (custom resources included), reports
/// progress in status conditions, comes back while content remains, and finally removes the "kubernetes" finalizer
/// through the finalize subresource so the API server lets the namespace go.
/// </summary>
internal sealed class NamespaceReconciler(INamespaceClient client, ILister<V1Pod> pods, TimeProvider time, ILogger logger) : IReconciler
{
    public const string KubernetesFinalizer = "kubernetes";

    /// <summary>Upstream's wait for content held by finalizers (the garbage collector, usually).</summary>
    private const long FinalizerEstimateSeconds = 15;

    private readonly ConcurrentDictionary<(string Group, string Version, string Plural, string Verb), bool> _unsupported = new();

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        // The informer may lag; deletion decisions are made on the namespace as the API has it now.
        var ns = await client.GetAsync(key.Name, ct).ConfigureAwait(false);
        if (ns?.Metadata.DeletionTimestamp is null)
        {
            return ReconcileResult.Done;
        }

        var deletedAt = ns.Metadata.DeletionTimestamp.Value;
        ns.Status ??= new V1NamespaceStatus();
        if (ns.Status.Phase != "Terminating")
        {
            ns.Status.Phase = "Terminating";
            ns = await client.UpdateStatusAsync(ns, ct).ConfigureAwait(false);
        }

        if (ns.Spec?.Finalizers?.Contains(KubernetesFinalizer) != true)
        {
            return ReconcileResult.Done;
        }

        var totals = await DeleteAllContentAsync(ns.Metadata.Name, deletedAt, ct).ConfigureAwait(false);
        ns.Status ??= new V1NamespaceStatus();
        if (NamespaceConditions.Update(ns.Status, NamespaceConditions.Failures(totals), time.GetUtcNow().UtcDateTime))
        {
            try
            {
                await client.UpdateStatusAsync(ns, ct).ConfigureAwait(false);
            }
            catch (ApiStatusException e) when (e.IsConflict)
            {
                // The next pass writes the conditions again; content deletion does not wait for them.
            }
        }

        if (totals.Failed)
        {
            throw new InvalidOperationException(
                $"namespace {ns.Metadata.Name}: " + string.Join("; ", new[] { totals.DiscoveryFailure }.Concat(totals.ContentErrors).OfType<string>()));
        }

        if (totals.Estimate > 0)
        {
            NamespaceLog.ContentRemaining(logger, ns.Metadata.Name, totals.Estimate);
            return ReconcileResult.After(TimeSpan.FromSeconds(totals.Estimate / 2 + 1));
        }

        await FinalizeAsync(ns, ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    internal async Task<ContentTotals> DeleteAllContentAsync(string ns, DateTime deletedAt, CancellationToken ct)
    {
        var totals = new ContentTotals();
        DiscoveryResult discovery;
        try
        {
            discovery = await client.DiscoverAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiStatusException or HttpRequestException)
        {
            totals.DiscoveryFailure = e.Message;
            return totals;
        }

        if (discovery.FailedGroups.Count > 0)
        {
            // Not fatal: what was discovered is still deleted, but the namespace is not finalized on a partial view.
            totals.DiscoveryFailure = $"Discovery failed for some groups, {discovery.FailedGroups.Count} failing: {discovery.FailureMessage()}";
        }

        foreach (var resource in discovery.Preferred.Where(r => r.Namespaced && r.Supports("delete")))
        {
            try
            {
                await DeleteResourceContentAsync(resource, ns, deletedAt, totals, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ApiStatusException or HttpRequestException)
            {
                totals.ContentErrors.Add(e.Message);
            }
        }

        return totals;
    }

    private async Task DeleteResourceContentAsync(ApiResource resource, string ns, DateTime deletedAt, ContentTotals totals, CancellationToken ct)
    {
        var estimate = IsPods(resource) ? EstimatePodTermination(ns, deletedAt) : 0;
        totals.Estimate = Math.Max(totals.Estimate, estimate);

        if (!await TryDeleteCollectionAsync(resource, ns, ct).ConfigureAwait(false))
        {
            foreach (var item in await ListAsync(resource, ns, ct).ConfigureAwait(false) ?? [])
            {
                try
                {
                    await client.DeleteAsync(resource, ns, item.Metadata.Name, ct).ConfigureAwait(false);
                }
                catch (ApiStatusException e) when (e.IsNotFound || e.IsMethodNotSupported)
                {
                }
            }
        }

        var remaining = await ListAsync(resource, ns, ct).ConfigureAwait(false);
        if (remaining is null || remaining.Count == 0)
        {
            return;
        }

        totals.Remaining[resource.GroupResource] = remaining.Count;
        var finalizers = remaining.SelectMany(i => i.Metadata.Finalizers ?? []).CountBy(f => f).ToList();
        foreach (var (finalizer, count) in finalizers)
        {
            totals.Finalizers[finalizer] = totals.Finalizers.GetValueOrDefault(finalizer) + count;
        }

        if (estimate > 0)
        {
            return;
        }

        if (finalizers.Count > 0)
        {
            totals.Estimate = Math.Max(totals.Estimate, FinalizerEstimateSeconds);
            return;
        }

        // Nothing holds these objects, so they should have gone with the delete.
        totals.ContentErrors.Add($"unexpected items still remain in namespace: {ns} for gvr: {resource}");
    }

    /// <summary>False when the resource does not serve deletecollection (remembered, as upstream's operation cache).</summary>
    private async Task<bool> TryDeleteCollectionAsync(ApiResource resource, string ns, CancellationToken ct)
    {
        if (!resource.Supports("deletecollection") || _unsupported.ContainsKey(Op(resource, "deletecollection")))
        {
            return false;
        }

        try
        {
            await client.DeleteCollectionAsync(resource, ns, ct).ConfigureAwait(false);
            return true;
        }
        catch (ApiStatusException e) when (e.IsMethodNotSupported || e.IsNotFound)
        {
            _unsupported[Op(resource, "deletecollection")] = true;
            return false;
        }
    }

    /// <summary>Null when the resource cannot be listed; then nothing can be verified about it.</summary>
    private async Task<IReadOnlyList<Skiff.Client.Informers.PartialObject>?> ListAsync(ApiResource resource, string ns, CancellationToken ct)
    {
        if (!resource.Supports("list") || _unsupported.ContainsKey(Op(resource, "list")))
        {
            return null;
        }

        try
        {
            return await client.ListAsync(resource, ns, ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsMethodNotSupported || e.IsNotFound)
        {
            _unsupported[Op(resource, "list")] = true;
            return null;
        }
    }

    /// <summary>Running pods get their grace period to terminate, counted from the namespace's deletion.</summary>
    private long EstimatePodTermination(string ns, DateTime deletedAt)
    {
        var estimate = pods.List(ns)
            .Where(p => p.Status?.Phase is not ("Succeeded" or "Failed"))
            .Select(p => p.Spec?.TerminationGracePeriodSeconds ?? 0)
            .DefaultIfEmpty(0)
            .Max();
        var elapsed = time.GetUtcNow().UtcDateTime - deletedAt.ToUniversalTime();
        return elapsed >= TimeSpan.FromSeconds(estimate) ? 0 : estimate;
    }

    private async Task FinalizeAsync(V1Namespace ns, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            ns.Spec.Finalizers = [.. ns.Spec.Finalizers.Where(f => f != KubernetesFinalizer).Distinct().Order(StringComparer.Ordinal)];
            try
            {
                await client.FinalizeAsync(ns, ct).ConfigureAwait(false);
                NamespaceLog.Finalized(logger, ns.Metadata.Name);
                return;
            }
            catch (ApiStatusException e) when (e.IsNotFound)
            {
                return;
            }
            catch (ApiStatusException e) when (e.IsConflict && attempt < 5)
            {
                var latest = await client.GetAsync(ns.Metadata.Name, ct).ConfigureAwait(false);
                if (latest is null)
                {
                    return;
                }

                if (latest.Metadata.Uid != ns.Metadata.Uid)
                {
                    throw new InvalidOperationException("namespace uid has changed across retries", e);
                }

                ns = latest;
                ns.Spec ??= new V1NamespaceSpec();
                ns.Spec.Finalizers ??= [];
            }
        }
    }

    private static (string, string, string, string) Op(ApiResource resource, string verb) => (resource.Group, resource.Version, resource.Plural, verb);

    private static bool IsPods(ApiResource resource) => resource.Group.Length == 0 && resource.Plural == "pods";
}
