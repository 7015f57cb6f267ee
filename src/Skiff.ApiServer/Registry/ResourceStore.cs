using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.Api.Objects;
using Skiff.ApiServer.Errors;
using Skiff.Storage;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// The object layer over <see cref="IStore"/> for one resource: keys, object metadata that the server owns
/// (uid, creationTimestamp, resourceVersion, generation), optimistic concurrency, and the life cycle of a
/// delete (grace periods and finalizers). Everything stays JSON.
/// </summary>
public sealed class ResourceStore
{
    private readonly IStore _store;
    private readonly TimeProvider _time;
    private long _lastWrite;

    public ResourceStore(IStore store, ResourceInfo info, IResourceStrategy strategy, TimeProvider time)
    {
        _store = store;
        Info = info;
        Strategy = strategy;
        _time = time;
    }

    public ResourceInfo Info { get; }

    public IResourceStrategy Strategy { get; }

    public IStore Store => _store;

    /// <summary>
    /// The revision of the newest write made through this store, so readers of a watch cache can tell whether it has
    /// seen everything this server wrote (and read the store when it has not).
    /// </summary>
    public long LastWriteRevision => Volatile.Read(ref _lastWrite);

    public string Key(string ns, string name) =>
        ns.Length == 0 ? Info.StoragePrefix + name : $"{Info.StoragePrefix}{ns}/{name}";

    public string Prefix(string ns) => ns.Length == 0 ? Info.StoragePrefix : $"{Info.StoragePrefix}{ns}/";

    public async Task<StoredObject?> TryGetAsync(string ns, string name, CancellationToken ct)
    {
        var kv = await _store.GetAsync(Key(ns, name), ct).ConfigureAwait(false);
        return kv is null ? null : Decode(kv.Value, kv.ModRevision);
    }

    public async Task<StoredObject> GetAsync(string ns, string name, CancellationToken ct) =>
        await TryGetAsync(ns, name, ct).ConfigureAwait(false) ?? throw NotFound(name);

    private void NoteWrite(long revision)
    {
        var seen = Volatile.Read(ref _lastWrite);
        while (revision > seen)
        {
            var was = Interlocked.CompareExchange(ref _lastWrite, revision, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }

    public StoredObject Decode(byte[] value, long revision)
    {
        var obj = Json.ParseObject(value);
        Json.Metadata(obj)["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new StoredObject(obj, revision);
    }

    /// <summary>Stores a new object; fills in the metadata the server owns.</summary>
    public async Task<StoredObject> CreateAsync(JsonObject obj, bool dryRun, CancellationToken ct)
    {
        var meta = Json.Metadata(obj);
        var name = Json.Name(obj);
        var ns = Json.Namespace(obj);
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Json.Timestamp(_time.GetUtcNow());
        meta.Remove("resourceVersion");
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        if (Strategy.TracksGeneration)
        {
            meta["generation"] = 1;
        }
        else
        {
            meta.Remove("generation");
        }

        if (dryRun)
        {
            if (await _store.GetAsync(Key(ns, name), ct).ConfigureAwait(false) is not null)
            {
                throw ApiErrors.AlreadyExists(Info.Group, Info.Resource, name);
            }

            await Strategy.BeforeWriteAsync(obj, null, dryRun: true, ct).ConfigureAwait(false);
            return new StoredObject(obj, 0);
        }

        await Strategy.BeforeWriteAsync(obj, null, dryRun: false, ct).ConfigureAwait(false);
        var written = false;
        try
        {
            var stored = Json.Serialize(obj);
            var revision = await _store.CreateAsync(Key(ns, name), stored, ct).ConfigureAwait(false);
            written = true;
            NoteWrite(revision);
            meta["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new StoredObject(obj, revision) { Stored = stored };
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.KeyExists)
        {
            throw ApiErrors.AlreadyExists(Info.Group, Info.Resource, name);
        }
        finally
        {
            if (!written)
            {
                await Strategy.WriteFailedAsync(obj, null, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Read-modify-write of one object. <paramref name="update"/> gets a private copy of the live object and
    /// returns the desired one. When <paramref name="expectedResourceVersion"/> is given, a changed object is a
    /// 409; otherwise conflicts with concurrent writers are retried from a fresh read.
    /// </summary>
    public Task<StoredObject> UpdateAsync(
        string ns, string name, Func<JsonObject, JsonObject> update, string? expectedResourceVersion, bool dryRun, CancellationToken ct) =>
        UpdateFromLiveAsync(ns, name, live => update((JsonObject)live.DeepClone()), expectedResourceVersion, dryRun, ct);

    /// <summary>
    /// As <see cref="UpdateAsync"/>, but <paramref name="next"/> is handed the live object itself, which it must not
    /// change, and returns a desired object that shares no node with it: for callers that copy only what they change.
    /// </summary>
    public async Task<StoredObject> UpdateFromLiveAsync(
        string ns, string name, Func<JsonObject, JsonObject> next, string? expectedResourceVersion, bool dryRun, CancellationToken ct)
    {
        var key = Key(ns, name);
        var current = await _store.GetAsync(key, ct).ConfigureAwait(false) ?? throw NotFound(name);
        for (var attempt = 0; ; attempt++)
        {
            var live = Decode(current.Value, current.ModRevision).Object;
            if (!string.IsNullOrEmpty(expectedResourceVersion) && expectedResourceVersion != Json.ResourceVersion(live))
            {
                throw ApiErrors.Conflict(Info.Group, Info.Resource, name);
            }

            var desired = next(live);
            var oldGeneration = Json.Generation(live);
            KeepServerOwnedMetadata(desired, live);
            if (Strategy.TracksGeneration && Strategy.SpecChanged(desired, live))
            {
                Json.Metadata(desired)["generation"] = oldGeneration + 1;
            }

            Json.Metadata(desired).Remove("resourceVersion");
            live["metadata"]!.AsObject().Remove("resourceVersion");

            // A finalizer removal on an object already being deleted can finish the deletion.
            if (Json.HasDeletionTimestamp(desired) && !Strategy.FinalizersPending(desired) && GracePeriodOver(desired))
            {
                if (dryRun)
                {
                    return new StoredObject(desired, current.ModRevision);
                }

                try
                {
                    var deleted = await _store.DeleteAsync(key, current.ModRevision, ct).ConfigureAwait(false);
                    NoteWrite(deleted.Revision);
                    await Strategy.AfterDeleteAsync(live, CancellationToken.None).ConfigureAwait(false);
                    return Decode(Json.Serialize(desired), deleted.Revision);
                }
                catch (StoreException e) when (e.Kind is StoreErrorKind.Conflict && string.IsNullOrEmpty(expectedResourceVersion) && attempt < 100)
                {
                    current = e.Current ?? throw NotFound(name);
                    continue;
                }
            }

            if (NoOpUpdate.Is(desired, live))
            {
                // Upstream skips the write of a no-op update; the resourceVersion stays as it was.
                return Decode(current.Value, current.ModRevision);
            }

            await Strategy.BeforeWriteAsync(desired, live, dryRun, ct).ConfigureAwait(false);
            if (dryRun)
            {
                Json.Metadata(desired)["resourceVersion"] = current.ModRevision.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new StoredObject(desired, current.ModRevision);
            }

            var written = false;
            try
            {
                var bytes = Json.Serialize(desired);
                var revision = await _store.UpdateAsync(key, bytes, current.ModRevision, ct).ConfigureAwait(false);
                written = true;
                NoteWrite(revision);
                Json.Metadata(desired)["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Strategy.AfterUpdateAsync(desired, live, CancellationToken.None).ConfigureAwait(false);
                return new StoredObject(desired, revision) { Stored = bytes };
            }
            catch (StoreException e) when (e.Kind is StoreErrorKind.Conflict)
            {
                if (!string.IsNullOrEmpty(expectedResourceVersion) || attempt >= 100)
                {
                    throw ApiErrors.Conflict(Info.Group, Info.Resource, name);
                }

                current = e.Current ?? await _store.GetAsync(key, ct).ConfigureAwait(false) ?? throw NotFound(name);
            }
            catch (StoreException e) when (e.Kind is StoreErrorKind.NotFound)
            {
                throw NotFound(name);
            }
            finally
            {
                if (!written)
                {
                    await Strategy.WriteFailedAsync(desired, live, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Deletes an object, or marks it for deletion when finalizers or a grace period must run first.
    /// Returns the last state and whether it is gone from the store.
    /// </summary>
    public async Task<(StoredObject Object, bool Deleted)> DeleteAsync(string ns, string name, DeleteRequest request, bool dryRun, CancellationToken ct)
    {
        var key = Key(ns, name);
        for (var attempt = 0; ; attempt++)
        {
            var kv = await _store.GetAsync(key, ct).ConfigureAwait(false) ?? throw NotFound(name);
            var live = Decode(kv.Value, kv.ModRevision).Object;
            CheckPreconditions(live, request, name);

            var desired = (JsonObject)live.DeepClone();
            var meta = Json.Metadata(desired);
            var grace = Strategy.GracePeriodSeconds(live, request.GracePeriodSeconds);
            var finalizersChanged = ApplyPropagationFinalizers(desired, request.PropagationPolicy);
            var pending = Strategy.FinalizersPending(desired) || grace > 0;

            if (!pending)
            {
                if (dryRun)
                {
                    return (new StoredObject(live, kv.ModRevision), true);
                }

                try
                {
                    var result = await _store.DeleteAsync(key, kv.ModRevision, ct).ConfigureAwait(false);
                    NoteWrite(result.Revision);
                    var last = Decode(result.Deleted.Value, result.Deleted.ModRevision);
                    await Strategy.AfterDeleteAsync(last.Object, CancellationToken.None).ConfigureAwait(false);
                    return (last, true);
                }
                catch (StoreException e) when (e.Kind is StoreErrorKind.Conflict && attempt < 100)
                {
                    continue;
                }
                catch (StoreException e) when (e.Kind is StoreErrorKind.NotFound)
                {
                    throw NotFound(name);
                }
            }

            var now = _time.GetUtcNow();
            var alreadyDeleting = Json.HasDeletionTimestamp(live);
            var currentGrace = meta["deletionGracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var cg) ? cg : long.MaxValue;
            if (alreadyDeleting && grace >= currentGrace && !finalizersChanged)
            {
                // Upstream lets a second delete only shorten the grace period.
                return (Decode(kv.Value, kv.ModRevision), false);
            }

            if (!alreadyDeleting || grace < currentGrace)
            {
                meta["deletionTimestamp"] = Json.Timestamp(now.AddSeconds(grace));
                meta["deletionGracePeriodSeconds"] = grace;
            }

            Strategy.PrepareForDeletion(desired);
            meta.Remove("resourceVersion");
            if (dryRun)
            {
                return (new StoredObject(desired, kv.ModRevision), false);
            }

            try
            {
                var revision = await _store.UpdateAsync(key, Json.Serialize(desired), kv.ModRevision, ct).ConfigureAwait(false);
                NoteWrite(revision);
                meta["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return (new StoredObject(desired, revision), false);
            }
            catch (StoreException e) when (e.Kind is StoreErrorKind.Conflict && attempt < 100)
            {
            }
            catch (StoreException e) when (e.Kind is StoreErrorKind.NotFound)
            {
                throw NotFound(name);
            }
        }
    }

    private ApiException NotFound(string name) => ApiErrors.NotFound(Info.Group, Info.Resource, name);

    private bool GracePeriodOver(JsonObject obj) =>
        obj["metadata"]?["deletionGracePeriodSeconds"] is not JsonValue v || !v.TryGetValue<long>(out var g) || g == 0;

    private void CheckPreconditions(JsonObject live, DeleteRequest request, string name)
    {
        if (request.PreconditionUid is { Length: > 0 } uid && uid != Json.Uid(live))
        {
            throw ApiErrors.Conflict(Info.Group, Info.Resource, name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Json.Uid(live)}");
        }

        if (request.PreconditionResourceVersion is { Length: > 0 } rv && rv != Json.ResourceVersion(live))
        {
            throw ApiErrors.Conflict(Info.Group, Info.Resource, name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Json.ResourceVersion(live)}");
        }
    }

    /// <summary>Orphan and Foreground deletes are carried out by the garbage collector through these finalizers.</summary>
    private static bool ApplyPropagationFinalizers(JsonObject obj, string? policy)
    {
        var finalizer = policy switch
        {
            "Orphan" => "orphan",
            "Foreground" => "foregroundDeletion",
            _ => null,
        };
        if (finalizer is null)
        {
            return false;
        }

        return obj.AddFinalizer(finalizer);
    }

    private static void KeepServerOwnedMetadata(JsonObject desired, JsonObject live)
    {
        var to = Json.Metadata(desired);
        var from = Json.Metadata(live);
        foreach (var field in (string[])["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "name", "namespace"])
        {
            if (from[field] is { } value)
            {
                to[field] = value.DeepClone();
            }
            else
            {
                to.Remove(field);
            }
        }
    }
}
