using k8s.Models;
using Skiff.Client;
using Skiff.Client.Informers;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>
/// Pod creations and deletions each owner has made but its informer has not shown yet. While any are pending the
/// owner's pods in the cache are out of date, so the reconciler must not create or delete more (a slow cache would
/// otherwise cause double creation). Pending writes clear when a pod event shows them, when the cache already
/// reflects them at the next reconcile, or after <see cref="Timeout"/>, as upstream's expectations do.
/// </summary>
internal sealed class PodExpectations(TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, Pending> _pending = [];

    /// <summary>Records a created pod; <paramref name="uid"/> null for a create that timed out and may have happened.</summary>
    public void ExpectCreation(ObjectKey owner, string? uid)
    {
        lock (_lock)
        {
            var pending = For(owner);
            if (uid is null)
            {
                pending.UnknownCreations++;
            }
            else
            {
                pending.Creations.Add(uid);
            }
        }
    }

    public void ExpectDeletion(ObjectKey owner, string uid)
    {
        lock (_lock)
        {
            For(owner).Deletions.Add(uid);
        }
    }

    /// <summary>A deletion that failed or found the pod gone will never be observed: stop waiting for it.</summary>
    public void DeletionObserved(ObjectKey owner, string uid)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(owner, out var pending))
            {
                pending.Deletions.Remove(uid);
            }
        }
    }

    /// <summary>Feeds a pod event seen by the informer: a pod showing up observes its creation, going away its deletion.</summary>
    public void Observe(ObjectKey owner, V1Pod pod, InformerEventType type)
    {
        var uid = pod.Metadata?.Uid ?? string.Empty;
        lock (_lock)
        {
            if (!_pending.TryGetValue(owner, out var pending))
            {
                return;
            }

            // A pod we did not know the uid of can only stand for a timed-out create when it is new.
            if (!pending.Creations.Remove(uid) && type == InformerEventType.Added && pending.UnknownCreations > 0)
            {
                pending.UnknownCreations--;
            }

            if (type == InformerEventType.Deleted || pod.Metadata?.DeletionTimestamp is not null)
            {
                pending.Deletions.Remove(uid);
            }
        }
    }

    /// <summary>
    /// True when the owner may act on what the cache shows: nothing pending, or what is pending is already visible
    /// in <paramref name="podsInCache"/> (the owner's namespace), or the wait has expired.
    /// </summary>
    public bool Satisfied(ObjectKey owner, IReadOnlyList<V1Pod> podsInCache)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue(owner, out var pending))
            {
                return true;
            }

            var cached = podsInCache.Where(p => p.Metadata?.Uid is not null).ToDictionary(p => p.Metadata.Uid, StringComparer.Ordinal);
            pending.Creations.RemoveWhere(cached.ContainsKey);
            pending.Deletions.RemoveWhere(uid => !cached.TryGetValue(uid, out var pod) || pod.Metadata.DeletionTimestamp is not null);
            if (pending.IsEmpty || time.GetUtcNow() - pending.Since > Timeout)
            {
                _pending.Remove(owner);
                return true;
            }

            return false;
        }
    }

    /// <summary>How long until the owner's pending writes expire; null when nothing is pending.</summary>
    public TimeSpan? UntilExpiry(ObjectKey owner)
    {
        lock (_lock)
        {
            return _pending.TryGetValue(owner, out var pending) ? pending.Since + Timeout - time.GetUtcNow() : null;
        }
    }

    public void Forget(ObjectKey owner)
    {
        lock (_lock)
        {
            _pending.Remove(owner);
        }
    }

    private Pending For(ObjectKey owner)
    {
        if (!_pending.TryGetValue(owner, out var pending) || pending.IsEmpty)
        {
            pending = new Pending(time.GetUtcNow());
            _pending[owner] = pending;
        }

        return pending;
    }

    private sealed class Pending(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public HashSet<string> Creations { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Deletions { get; } = new(StringComparer.Ordinal);

        public int UnknownCreations { get; set; }

        public bool IsEmpty => Creations.Count == 0 && Deletions.Count == 0 && UnknownCreations == 0;
    }
}
