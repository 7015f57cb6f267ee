namespace Skiff.Storage;

/// <summary>
/// The whole storage contract of the cluster: a revisioned key-value store in the shape of etcd v3.
/// Every write takes the next value of one global revision, which becomes the resourceVersion of
/// the object written. Only the API server talks to it.
/// </summary>
public interface IStore : IAsyncDisposable
{
    /// <summary>The revision of the newest write (0 for an empty store).</summary>
    Task<long> CurrentRevisionAsync(CancellationToken ct = default);

    /// <summary>The live value of <paramref name="key"/>, or null when there is none.</summary>
    Task<KeyValue?> GetAsync(string key, CancellationToken ct = default);

    /// <summary>
    /// Live keys under <paramref name="prefix"/> in key order, as of one revision. Paging with the
    /// returned continue token keeps reading the same snapshot.
    /// </summary>
    /// <exception cref="StoreException">
    /// Compacted when the requested or continued revision is below the compact revision (a list at
    /// exactly the compact revision still works); InvalidContinue for a token this store did not issue.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The revision is newer than the current revision.</exception>
    Task<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default);

    /// <summary>Creates a key that is not live; returns the revision of the write.</summary>
    /// <exception cref="StoreException">KeyExists, TooLarge.</exception>
    Task<long> CreateAsync(string key, byte[] value, CancellationToken ct = default);

    /// <summary>Replaces the value if the key's modRevision is still <paramref name="expectedModRevision"/>.</summary>
    /// <exception cref="StoreException">Conflict (with the current value), NotFound, TooLarge.</exception>
    Task<long> UpdateAsync(string key, byte[] value, long expectedModRevision, CancellationToken ct = default);

    /// <summary>
    /// Deletes the key, if <paramref name="expectedModRevision"/> is given (and not 0) only when its modRevision
    /// is still that. The result carries the value deleted and the delete's own revision.
    /// </summary>
    /// <exception cref="StoreException">Conflict (with the current value), NotFound.</exception>
    Task<DeleteResult> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken ct = default);

    /// <summary>
    /// Every change under <paramref name="prefix"/> after <paramref name="fromRevision"/> (0: from now on), in
    /// revision order, with no gaps, interleaved with progress events. The sequence ends with a
    /// <see cref="StoreException"/>: Compacted when <paramref name="fromRevision"/> is gone, WatchLagging when the
    /// consumer fell too far behind (resume from the last revision it saw), Unavailable when the store is
    /// closed. Compacted means <paramref name="fromRevision"/> is below the compact revision.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, WatchOptions? options = null, CancellationToken ct = default);

    /// <summary>
    /// Forgets history before <paramref name="revision"/>: afterwards reads and watches from revisions at or
    /// above it still work, older ones fail with Compacted; live values stay. Compacting to or below the
    /// current compact revision does nothing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The revision is newer than the current revision.</exception>
    Task CompactAsync(long revision, CancellationToken ct = default);

    /// <summary>Whether the backend answers, its size on disk and its revisions.</summary>
    Task<StoreStatus> StatusAsync(CancellationToken ct = default);

    /// <summary>Writes a consistent copy of the whole store to <paramref name="path"/>.</summary>
    Task SnapshotAsync(string path, CancellationToken ct = default);
}
