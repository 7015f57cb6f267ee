using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Skiff.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, one writer with group commit, reads on pooled
/// connections, watches fed by the writer after each commit and caught up from the log table.
/// </summary>
public sealed class SqliteStore : IStore
{
    private const int HistoryPageSize = 1000;

    private readonly StoreLock _lock;
    private readonly SqliteConnection _connection;
    private readonly ReaderPool _readers;
    private readonly WatchHub _hub;
    private readonly SqliteWriter _writer;
    private readonly TimeProvider _time;
    private BackgroundCompactor? _compactor;
    private int _disposed;

    private SqliteStore(string path, StoreLock storeLock, SqliteConnection connection, ReaderPool readers, long revision, long compactRevision, TimeProvider time)
    {
        Path = path;
        _lock = storeLock;
        _connection = connection;
        _readers = readers;
        _time = time;
        _hub = new WatchHub(revision);
        _writer = new SqliteWriter(connection, _hub, revision, compactRevision);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the store in <paramref name="path"/> and starts background compaction.</summary>
    /// <exception cref="StoreException">Unavailable, with what is wrong and what to do: corrupt, foreign, locked, read-only.</exception>
    public static Task<SqliteStore> OpenAsync(string path, StoreOptions? options = null, CancellationToken ct = default)
    {
        options ??= StoreOptions.Default;
        return Task.Run(
            () =>
            {
                var store = Open(System.IO.Path.GetFullPath(path), options);
                store._compactor = BackgroundCompactor.Start(store, options);
                return store;
            },
            ct);
    }

    /// <summary>
    /// Replaces the store at <paramref name="dbPath"/> (which must not be open) with a snapshot written by
    /// <see cref="SnapshotAsync"/>. The snapshot is checked first, so a bad file never replaces a good store.
    /// </summary>
    /// <exception cref="StoreException">Unavailable: the snapshot is not a sound skiff store, or the target is in use.</exception>
    public static void Restore(string snapshotPath, string dbPath) => SqliteSnapshot.Restore(snapshotPath, dbPath);

    public Task<long> CurrentRevisionAsync(CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return Task.FromResult(_hub.Revision);
    }

    public Task<KeyValue?> GetAsync(string key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Task.FromResult(Read(reader => reader.Get(key)));
    }

    public Task<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(options);
        var (revision, after) = options.Continue is { Length: > 0 } token ? ContinueToken.Decode(token) : (options.Revision, string.Empty);
        ArgumentOutOfRangeException.ThrowIfNegative(revision, nameof(options));
        var end = KeyRange.PrefixEnd(prefix);
        return Task.FromResult(Read(pooled => pooled.InSnapshot(reader =>
        {
            var (current, compact) = reader.Revisions();
            var at = revision == 0 ? current : revision;
            if (at < compact)
            {
                throw Compacted(at, compact);
            }

            if (at > current)
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"revision {at} is newer than the current revision {current}");
            }

            long? historical = at == current ? null : at;
            var items = reader.List(prefix, end, after, historical, options.Limit > 0 ? options.Limit + 1 : -1);
            if (options.Limit <= 0 || items.Count <= options.Limit)
            {
                return new ListResult(items, at, null, 0);
            }

            items.RemoveAt(items.Count - 1);
            var last = items[^1].Key;
            return new ListResult(items, at, ContinueToken.Encode(at, last), reader.Count(prefix, end, last, historical));
        })));
    }

    public async Task<long> CreateAsync(string key, byte[] value, CancellationToken ct = default)
    {
        CheckWrite(key, value, ct);
        return (await _writer.SubmitAsync(WriteRequest.Create(key, value)).ConfigureAwait(false)).Revision;
    }

    public async Task<long> UpdateAsync(string key, byte[] value, long expectedModRevision, CancellationToken ct = default)
    {
        CheckWrite(key, value, ct);
        return (await _writer.SubmitAsync(WriteRequest.Update(key, value, expectedModRevision)).ConfigureAwait(false)).Revision;
    }

    public async Task<DeleteResult> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken ct = default)
    {
        CheckWrite(key, [], ct);
        var result = await _writer.SubmitAsync(WriteRequest.Delete(key, expectedModRevision)).ConfigureAwait(false);
        return new DeleteResult(result.Previous!, result.Revision);
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        string prefix,
        long fromRevision,
        WatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(fromRevision);
        ThrowIfDisposed();
        options ??= WatchOptions.Default;
        var watcher = _hub.Join(prefix, options.BufferSize);
        try
        {
            // Join first, then read the log up to where the live feed starts: no gap, no duplicate.
            var delivered = fromRevision == 0 ? watcher.StartRevision : fromRevision;
            var end = KeyRange.PrefixEnd(prefix);
            while (delivered < watcher.StartRevision)
            {
                ct.ThrowIfCancellationRequested();
                var after = delivered;
                var page = Read(pooled => pooled.InSnapshot(reader =>
                {
                    var compact = reader.Revisions().Compact;
                    return after < compact ? throw Compacted(after, compact) : reader.History(after, watcher.StartRevision, prefix, end, HistoryPageSize);
                }));
                foreach (var e in page)
                {
                    yield return e;
                }

                delivered = page.Count < HistoryPageSize ? watcher.StartRevision : page[^1].Revision;
            }

            var live = watcher.Events;
            Task<bool>? waiting = null;
            Task? tick = null;
            var active = false;
            while (true)
            {
                if (live.TryRead(out var e))
                {
                    // A watch from a future revision skips what it did not ask for.
                    if (e.Revision > delivered)
                    {
                        delivered = e.Revision;
                        active = true;
                        yield return e;
                    }

                    continue;
                }

                waiting ??= live.WaitToReadAsync(ct).AsTask();
                if (options.ProgressInterval is { } interval)
                {
                    tick ??= Task.Delay(interval, _time, ct);
                    if (await Task.WhenAny(waiting, tick).ConfigureAwait(false) == tick)
                    {
                        await tick.ConfigureAwait(false);
                        tick = null;
                        if (!active && _hub.ProgressFor(watcher) is { } progress)
                        {
                            yield return WatchEvent.Progress(Math.Max(progress, delivered));
                        }

                        active = false;
                        continue;
                    }
                }

                var more = await waiting.ConfigureAwait(false);
                waiting = null;
                if (!more)
                {
                    yield break;
                }
            }
        }
        finally
        {
            _hub.Leave(watcher);
        }
    }

    public async Task CompactAsync(long revision, CancellationToken ct = default)
    {
        ThrowIfDisposed();
        ct.ThrowIfCancellationRequested();
        await _writer.SubmitAsync(WriteRequest.Compact(revision)).ConfigureAwait(false);
    }

    public Task<StoreStatus> StatusAsync(CancellationToken ct = default)
    {
        var size = FileSize(Path) + FileSize(Path + "-wal");
        try
        {
            var (current, compact) = Read(reader => reader.Revisions());
            return Task.FromResult(new StoreStatus(true, "sqlite", size, current, compact));
        }
        catch (StoreException e)
        {
            return Task.FromResult(new StoreStatus(false, "sqlite", size, _hub.Revision, _writer.CompactRevision, e.Message));
        }
    }

    public Task SnapshotAsync(string path, CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return Task.Run(() => SqliteSnapshot.Write(Path, path), ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_compactor is not null)
        {
            await _compactor.DisposeAsync().ConfigureAwait(false);
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        _hub.Close();
        _readers.Dispose();
        try
        {
            // Leaves a single tidy file behind for backups and copies.
            SqliteOpener.Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        catch (SqliteException)
        {
        }

        _connection.Dispose();
        _lock.Dispose();
    }

    private static SqliteStore Open(string path, StoreOptions options)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot create the store directory {directory}: {e.Message} Check the --data-dir path and its permissions.", inner: e);
        }

        var storeLock = StoreLock.Acquire(path);
        SqliteConnection? connection = null;
        ReaderPool? readers = null;
        try
        {
            connection = SqliteOpener.OpenWriter(path, options.VerifyOnOpen);
            readers = new ReaderPool(path);
            var (revision, compact) = readers.Use(reader => reader.Revisions());
            return new SqliteStore(path, storeLock, connection, readers, revision, compact, options.TimeProvider);
        }
        catch (SqliteException e)
        {
            readers?.Dispose();
            connection?.Dispose();
            storeLock.Dispose();
            throw SqliteOpener.Map(e, path);
        }
        catch
        {
            readers?.Dispose();
            connection?.Dispose();
            storeLock.Dispose();
            throw;
        }
    }

    private static StoreException Compacted(long revision, long compact) =>
        new(StoreErrorKind.Compacted, $"revision {revision} has been compacted (compact revision {compact})", compactRevision: compact);

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private T Read<T>(Func<SqliteReader, T> read)
    {
        ThrowIfDisposed();
        try
        {
            return _readers.Use(read);
        }
        catch (SqliteException e)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"reading {Path} failed: {e.Message}", inner: e);
        }
    }

    private void CheckWrite(string key, byte[] value, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfDisposed();
        ct.ThrowIfCancellationRequested();
        if (value.Length > StoreLimits.MaxValueBytes)
        {
            throw new StoreException(StoreErrorKind.TooLarge, $"value of {key} is {value.Length} bytes, over the limit of {StoreLimits.MaxValueBytes}");
        }
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new StoreException(StoreErrorKind.Unavailable, "the store was closed");
        }
    }
}
