using System.Text.Json.Nodes;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Watch;

/// <summary>
/// Reads for admission from the watch cache, as upstream's plugins read their listers, but never older than what this
/// server wrote: the cache answers only once it has seen every write made through the resource's store, and the store
/// answers otherwise and when the cache does not hold the object (it may come from another server).
/// </summary>
/// <remarks>Objects from the cache are shared with every reader and must not be changed.</remarks>
public sealed class FreshReads
{
    private readonly WatchCaches? _caches;

    /// <param name="caches">The server's watch caches; without them every read goes to the store.</param>
    public FreshReads(WatchCaches? caches)
    {
        _caches = caches;
    }

    public async ValueTask<JsonObject?> GetAsync(ResourceStore store, string ns, string name, CancellationToken ct)
    {
        if (_caches is not null && _caches.For(store).TryGet(ns, name, store.LastWriteRevision, out var cached) && cached is not null)
        {
            return cached.Object;
        }

        return (await store.TryGetAsync(ns, name, ct).ConfigureAwait(false))?.Object;
    }

    /// <summary>Every object under <paramref name="ns"/> from the cache, or null when only the store can say.</summary>
    public CacheSnapshot? TryList(ResourceStore store, string ns) => _caches?.For(store).TryList(ns, store.LastWriteRevision);
}
