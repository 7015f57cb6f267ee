using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Informers;
using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>
/// The collector's decisions for one item, upstream's attemptToDeleteItem and attemptToOrphan: reads the live
/// object, classifies its owner references, and deletes, detaches or finishes a finalizer. Work that follows
/// (a confirmed-absent virtual node's dependents) goes back through <c>schedule</c>.
/// </summary>
internal sealed class GarbageProcessor(
    DependencyGraph graph,
    IGarbageCollectorClient client,
    Func<DiscoveryResult> discovery,
    Action<GraphWork> schedule,
    ILogger logger)
{
    public const string Background = "Background";
    public const string Foreground = "Foreground";
    public const string Orphan = "Orphan";

    public async Task<WorkResult> AttemptToDeleteAsync(string uid, CancellationToken ct)
    {
        var item = graph.View(uid);
        if (item is null || (item.BeingDeleted && !item.DeletingDependents))
        {
            return WorkResult.Forget;
        }

        var resource = Resolve(item.Identity.ApiVersion, item.Identity.Kind, item.Identity);
        if (resource is null)
        {
            return WorkResult.Requeue;
        }

        if (resource.Namespaced && string.IsNullOrEmpty(item.Identity.Namespace))
        {
            // A cluster-scoped dependent named a namespaced owner: no such owner can exist.
            schedule(graph.VirtualDelete(uid));
            return WorkResult.Forget;
        }

        var latest = await client.GetAsync(resource, item.Identity.Namespace, item.Identity.Name, ct).ConfigureAwait(false);
        if (latest is null || latest.Metadata.Uid != uid)
        {
            schedule(graph.VirtualDelete(uid));
            return WorkResult.Forget;
        }

        var result = item.DeletingDependents
            ? await ProcessDeletingDependentsAsync(item, resource, latest, ct).ConfigureAwait(false)
            : await ProcessDependentAsync(item, resource, latest, ct).ConfigureAwait(false);

        // A virtual node that exists is looked at again until an informer shows it (upstream issue 56121).
        return item.Observed ? result : WorkResult.Requeue;
    }

    public async Task<WorkResult> AttemptToOrphanAsync(string uid, CancellationToken ct)
    {
        var owner = graph.View(uid);
        if (owner is null)
        {
            return WorkResult.Forget;
        }

        var complete = true;
        foreach (var dependent in owner.Dependents)
        {
            var resource = Resolve(dependent.Identity.ApiVersion, dependent.Identity.Kind, dependent.Identity);
            if (resource is null)
            {
                complete = false;
                continue;
            }

            var latest = await client.GetAsync(resource, dependent.Identity.Namespace, dependent.Identity.Name, ct).ConfigureAwait(false);
            var references = latest?.Metadata.OwnerReferences ?? [];
            if (latest is null || latest.Metadata.Uid != dependent.Identity.Uid || references.All(r => r.Uid != uid))
            {
                continue;
            }

            await client.SetOwnerReferencesAsync(resource, latest, [.. references.Where(r => r.Uid != uid)], ct).ConfigureAwait(false);
        }

        if (!complete)
        {
            return WorkResult.Requeue;
        }

        var ownerResource = Resolve(owner.Identity.ApiVersion, owner.Identity.Kind, owner.Identity);
        if (ownerResource is null)
        {
            return WorkResult.Requeue;
        }

        var latestOwner = await client.GetAsync(ownerResource, owner.Identity.Namespace, owner.Identity.Name, ct).ConfigureAwait(false);
        if (latestOwner is not null && latestOwner.Metadata.Uid == uid && HasFinalizer(latestOwner, DependencyGraph.OrphanFinalizer))
        {
            logger.RemovingFinalizer(DependencyGraph.OrphanFinalizer, owner.Identity.ToString());
            await client.RemoveFinalizerAsync(ownerResource, latestOwner, DependencyGraph.OrphanFinalizer, ct).ConfigureAwait(false);
        }

        return WorkResult.Forget;
    }

    private async Task<WorkResult> ProcessDeletingDependentsAsync(NodeView item, ApiResource resource, PartialObject latest, CancellationToken ct)
    {
        var blocking = item.Dependents.Where(d => d.BlocksOwner).ToList();
        if (blocking.Count == 0)
        {
            if (HasFinalizer(latest, DependencyGraph.ForegroundFinalizer))
            {
                logger.RemovingFinalizer(DependencyGraph.ForegroundFinalizer, item.Identity.ToString());
                await client.RemoveFinalizerAsync(resource, latest, DependencyGraph.ForegroundFinalizer, ct).ConfigureAwait(false);
            }

            return WorkResult.Forget;
        }

        var work = new GraphWork();
        work.AttemptToDelete.AddRange(blocking.Where(d => !d.DeletingDependents).Select(d => d.Identity.Uid));
        schedule(work);
        return WorkResult.Forget;
    }

    private async Task<WorkResult> ProcessDependentAsync(NodeView item, ApiResource resource, PartialObject latest, CancellationToken ct)
    {
        var references = latest.Metadata.OwnerReferences ?? [];
        if (references.Count == 0)
        {
            return WorkResult.Forget;
        }

        var classes = new Dictionary<string, ReferenceClass>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            var found = await ClassifyAsync(reference, latest, ct).ConfigureAwait(false);
            if (found is null)
            {
                return WorkResult.Requeue;
            }

            classes[reference.Uid] = found.Value;
        }

        var target = new ObjectIdentity(item.Identity.ApiVersion, item.Identity.Kind, latest.Metadata.NamespaceProperty, latest.Metadata.Name, latest.Metadata.Uid);
        if (classes.Values.Any(c => c == ReferenceClass.Solid))
        {
            // Some owner still holds it: only drop the references to owners that are gone or going.
            if (classes.Values.All(c => c == ReferenceClass.Solid))
            {
                return WorkResult.Forget;
            }

            await client.SetOwnerReferencesAsync(resource, latest, [.. references.Where(r => classes[r.Uid] == ReferenceClass.Solid)], ct).ConfigureAwait(false);
            return WorkResult.Forget;
        }

        if (classes.Values.Any(c => c == ReferenceClass.Waiting) && item.Dependents.Count > 0)
        {
            if (item.Dependents.Any(d => d.DeletingDependents))
            {
                // The owner waits on this object and a dependent of it waits on this object too: stop blocking the
                // owner, or neither foreground deletion could finish.
                var unblocked = references.Select(r => r.BlockOwnerDeletion == true ? Unblock(r) : r).ToList();
                await client.SetOwnerReferencesAsync(resource, latest, unblocked, ct).ConfigureAwait(false);
            }

            logger.Deleting(target.ToString(), Foreground);
            await client.DeleteAsync(resource, target, Foreground, ct).ConfigureAwait(false);
            return WorkResult.Forget;
        }

        // Every owner is gone or going: the object goes too, honoring a propagation its own finalizers ask for.
        var policy = HasFinalizer(latest, DependencyGraph.OrphanFinalizer) ? Orphan
            : HasFinalizer(latest, DependencyGraph.ForegroundFinalizer) ? Foreground
            : Background;
        logger.Deleting(target.ToString(), policy);
        await client.DeleteAsync(resource, target, policy, ct).ConfigureAwait(false);
        return WorkResult.Forget;
    }

    /// <summary>Null when the owner's kind does not resolve (not yet discovered, or not served at all).</summary>
    private async Task<ReferenceClass?> ClassifyAsync(V1OwnerReference reference, PartialObject dependent, CancellationToken ct)
    {
        if (graph.Absent.Contains(reference.Uid))
        {
            return ReferenceClass.Dangling;
        }

        var dependentIdentity = new ObjectIdentity(dependent.ApiVersion, dependent.Kind, dependent.Metadata.NamespaceProperty, dependent.Metadata.Name, dependent.Metadata.Uid);
        var resource = Resolve(reference.ApiVersion, reference.Kind, dependentIdentity);
        if (resource is null)
        {
            return null;
        }

        var ns = dependent.Metadata.NamespaceProperty;
        if (resource.Namespaced && string.IsNullOrEmpty(ns))
        {
            graph.Absent.Add(reference.Uid);
            return ReferenceClass.Dangling;
        }

        var owner = await client.GetAsync(resource, ns, reference.Name, ct).ConfigureAwait(false);
        if (owner is null || owner.Metadata.Uid != reference.Uid)
        {
            graph.Absent.Add(reference.Uid);
            return ReferenceClass.Dangling;
        }

        return owner.Metadata.DeletionTimestamp is not null && HasFinalizer(owner, DependencyGraph.ForegroundFinalizer)
            ? ReferenceClass.Waiting
            : ReferenceClass.Solid;
    }

    private ApiResource? Resolve(string apiVersion, string kind, ObjectIdentity item)
    {
        var resource = discovery().ForKind(apiVersion, kind);
        if (resource is null)
        {
            logger.UnresolvedKind(apiVersion, kind, item.ToString());
        }

        return resource;
    }

    private static bool HasFinalizer(PartialObject obj, string finalizer) => obj.Metadata.Finalizers?.Contains(finalizer) == true;

    private static V1OwnerReference Unblock(V1OwnerReference r) => new()
    {
        ApiVersion = r.ApiVersion,
        Kind = r.Kind,
        Name = r.Name,
        Uid = r.Uid,
        Controller = r.Controller,
        BlockOwnerDeletion = false,
    };
}
