using k8s.Models;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>
/// The ownership graph, fed by metadata informers over every resource. Each change returns the work it implies
/// (which uids to re-examine for deletion or orphaning), so the graph itself never calls the API.
/// </summary>
internal sealed class DependencyGraph
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);

    public AbsentOwnerCache Absent { get; } = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>An informer saw the object added or changed.</summary>
    public GraphWork Upsert(ObjectIdentity identity, IReadOnlyList<V1OwnerReference>? owners, bool beingDeleted, IReadOnlyCollection<string>? finalizers)
    {
        owners ??= [];
        finalizers ??= [];
        var work = new GraphWork();
        lock (_lock)
        {
            if (!_nodes.TryGetValue(identity.Uid, out var node))
            {
                node = new GraphNode(identity) { Observed = true, Owners = owners };
                _nodes[identity.Uid] = node;
                AddToOwners(node, owners, work);
            }
            else
            {
                node.Identity = identity;
                node.Observed = true;
                UpdateOwners(node, owners, work);
            }

            ProcessTransitions(node, beingDeleted, finalizers, work);
        }

        return work;
    }

    /// <summary>An informer saw the object deleted.</summary>
    public GraphWork Remove(string uid)
    {
        var work = new GraphWork();
        lock (_lock)
        {
            if (_nodes.TryGetValue(uid, out var node))
            {
                RemoveNode(node, work);
            }
        }

        return work;
    }

    /// <summary>
    /// The API confirmed a node absent. Only virtual nodes go: an observed node leaves when its informer says so, so
    /// a lagging GET never removes an object the informer still holds.
    /// </summary>
    public GraphWork VirtualDelete(string uid)
    {
        var work = new GraphWork();
        lock (_lock)
        {
            if (_nodes.TryGetValue(uid, out var node) && !node.Observed)
            {
                Absent.Add(uid);
                RemoveNode(node, work);
            }
        }

        return work;
    }

    public NodeView? View(string uid)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(uid, out var node))
            {
                return null;
            }

            var dependents = node.Dependents
                .Select(d => new DependentView(d.Identity, node.BlocksOn(d), d.DeletingDependents))
                .ToList();
            return new NodeView(node.Identity, node.Observed, node.BeingDeleted, node.DeletingDependents, node.Owners, dependents);
        }
    }

    private void RemoveNode(GraphNode node, GraphWork work)
    {
        _nodes.Remove(node.Identity.Uid);
        foreach (var owner in node.Owners)
        {
            if (_nodes.TryGetValue(owner.Uid, out var ownerNode))
            {
                ownerNode.Dependents.Remove(node);

                // A foreground owner may have been waiting for exactly this dependent.
                if (ownerNode.DeletingDependents)
                {
                    work.AttemptToDelete.Add(ownerNode.Identity.Uid);
                }
            }
        }

        if (node.Dependents.Count > 0)
        {
            Absent.Add(node.Identity.Uid);
        }

        work.AttemptToDelete.AddRange(node.Dependents.Select(d => d.Identity.Uid));
    }

    private void UpdateOwners(GraphNode node, IReadOnlyList<V1OwnerReference> owners, GraphWork work)
    {
        var old = node.Owners.ToDictionary(o => o.Uid, StringComparer.Ordinal);
        var fresh = owners.ToDictionary(o => o.Uid, StringComparer.Ordinal);
        var added = owners.Where(o => !old.ContainsKey(o.Uid)).ToList();
        node.Owners = owners;
        foreach (var (uid, before) in old)
        {
            fresh.TryGetValue(uid, out var after);
            if (after is null && _nodes.TryGetValue(uid, out var gone))
            {
                gone.Dependents.Remove(node);
            }

            // An owner waiting in foreground deletion stops waiting on a reference that no longer blocks it.
            var unblocked = before.BlockOwnerDeletion == true && after?.BlockOwnerDeletion != true;
            if (unblocked && _nodes.TryGetValue(uid, out var owner) && owner.DeletingDependents)
            {
                work.AttemptToDelete.Add(uid);
            }
        }

        AddToOwners(node, added, work);
    }

    private void AddToOwners(GraphNode node, IEnumerable<V1OwnerReference> owners, GraphWork work)
    {
        var suspect = false;
        foreach (var reference in owners)
        {
            if (!_nodes.TryGetValue(reference.Uid, out var owner))
            {
                // Known only through this reference: the collector asks the API whether it exists.
                owner = new GraphNode(ObjectIdentity.OfOwner(reference, node.Identity.Namespace));
                _nodes[reference.Uid] = owner;
                owner.Dependents.Add(node);
                work.AttemptToDelete.Add(reference.Uid);
                continue;
            }

            owner.Dependents.Add(node);
            var ownerNamespace = owner.Identity.Namespace;
            if (!string.IsNullOrEmpty(ownerNamespace) && ownerNamespace != node.Identity.Namespace)
            {
                if (owner.Observed)
                {
                    work.InvalidNamespaceOwners.Add((node.Identity, ObjectIdentity.OfOwner(reference, node.Identity.Namespace)));
                }

                suspect = true;
            }
            else if (!SameCoordinates(reference, owner.Identity))
            {
                suspect = true;
            }
        }

        if (suspect)
        {
            // Let the collector verify each reference against the API; a dependent of only absent owners goes.
            work.AttemptToDelete.Add(node.Identity.Uid);
        }
    }

    private static void ProcessTransitions(GraphNode node, bool beingDeleted, IReadOnlyCollection<string> finalizers, GraphWork work)
    {
        var orphan = beingDeleted && finalizers.Contains(OrphanFinalizer);
        var foreground = beingDeleted && finalizers.Contains(ForegroundFinalizer);
        var wasOrphan = node.BeingDeleted && node.HasOrphanFinalizer;
        var wasForeground = node.DeletingDependents;
        node.BeingDeleted |= beingDeleted;
        node.HasOrphanFinalizer = finalizers.Contains(OrphanFinalizer);

        if (orphan && !wasOrphan)
        {
            work.AttemptToOrphan.Add(node.Identity.Uid);
        }

        if (foreground && !wasForeground)
        {
            node.DeletingDependents = true;
            work.AttemptToDelete.AddRange(node.Dependents.Select(d => d.Identity.Uid));
            work.AttemptToDelete.Add(node.Identity.Uid);
        }
    }

    /// <summary>Upstream compares the group (not the version), kind and name of a reference with the observed owner.</summary>
    private static bool SameCoordinates(V1OwnerReference reference, ObjectIdentity owner) =>
        Group(reference.ApiVersion) == Group(owner.ApiVersion) && reference.Kind == owner.Kind && reference.Name == owner.Name;

    private static string Group(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }
}
