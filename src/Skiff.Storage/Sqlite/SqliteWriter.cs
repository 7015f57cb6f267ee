using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Skiff.Storage.Sqlite;

/// <summary>
/// The only code that writes the database. Requests queue up while a commit is in flight and the next
/// batch commits them together, so concurrent writers share one fsync (group commit). Revisions are
/// assigned here, in commit order, and the committed changes go to the watch hub before any caller
/// hears back, so a caller that saw its write acknowledged can rely on watchers getting it.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatchWrites = 512;
    private const long MaxBatchBytes = 16L * 1024 * 1024;

    // Compaction deletes in slices so writes queued behind it wait for one slice, not the whole job.
    private const long CompactionSlice = 5_000;

    private readonly SqliteConnection _connection;
    private readonly WatchHub _hub;
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<WriteRequest> _batch = [];
    private readonly List<WatchEvent> _events = [];
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _live;
    private readonly SqliteCommand _lastRow;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _upsertLive;
    private readonly SqliteCommand _deleteLive;
    private readonly SqliteCommand _setMeta;
    private readonly SqliteCommand _dropSuperseded;
    private readonly SqliteCommand _dropTombstones;
    private readonly Task _loop;
    private long _revision;
    private long _compactRevision;

    public SqliteWriter(SqliteConnection connection, WatchHub hub, long revision, long compactRevision)
    {
        _connection = connection;
        _hub = hub;
        _revision = revision;
        _compactRevision = compactRevision;
        _begin = Command("BEGIN IMMEDIATE");
        _commit = Command("COMMIT");
        _rollback = Command("ROLLBACK");
        _live = Command("SELECT l.revision, l.create_revision, l.value FROM kv JOIN log l ON l.revision = kv.revision WHERE kv.key = $key", "$key");
        _lastRow = Command("SELECT revision FROM log WHERE key = $key ORDER BY revision DESC LIMIT 1", "$key");
        _insert = Command(
            "INSERT INTO log (revision, key, create_revision, prev_revision, deleted, value) VALUES ($rev, $key, $create, $prev, $deleted, $value)",
            "$rev", "$key", "$create", "$prev", "$deleted", "$value");
        _upsertLive = Command("INSERT INTO kv (key, revision) VALUES ($key, $rev) ON CONFLICT (key) DO UPDATE SET revision = excluded.revision", "$key", "$rev");
        _deleteLive = Command("DELETE FROM kv WHERE key = $key", "$key");
        _setMeta = Command("UPDATE meta SET value = $value WHERE name = $name", "$value", "$name");

        // Every row of the slice supersedes the row its prev_revision points at; what is left is the
        // newest row per key, and of those the deletes go too.
        _dropSuperseded = Command(
            "DELETE FROM log WHERE revision IN (SELECT prev_revision FROM log WHERE revision > $from AND revision <= $to AND prev_revision > 0)",
            "$from", "$to");
        _dropTombstones = Command("DELETE FROM log WHERE revision > $from AND revision <= $to AND deleted = 1", "$from", "$to");
        _loop = Task.Run(RunAsync);
    }

    public long CompactRevision => Volatile.Read(ref _compactRevision);

    /// <exception cref="StoreException">Unavailable when the store is closed.</exception>
    public Task<WriteResult> SubmitAsync(WriteRequest request)
    {
        if (!_queue.Writer.TryWrite(request))
        {
            throw new StoreException(StoreErrorKind.Unavailable, "the store was closed");
        }

        return request.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        foreach (var command in new[] { _begin, _commit, _rollback, _live, _lastRow, _insert, _upsertLive, _deleteLive, _setMeta, _dropSuperseded, _dropTombstones })
        {
            command.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _batch.Clear();
            long bytes = 0;
            WriteRequest? compaction = null;
            while (_batch.Count < MaxBatchWrites && bytes < MaxBatchBytes && reader.TryRead(out var request))
            {
                if (request.Kind == WriteKind.Compact)
                {
                    compaction = request;
                    break;
                }

                _batch.Add(request);
                bytes += request.Value.Length;
            }

            if (_batch.Count > 0)
            {
                CommitBatch();
            }

            if (compaction is not null)
            {
                CompactSlice(compaction);
            }
        }
    }

    private void CommitBatch()
    {
        _events.Clear();
        var revision = _revision;
        try
        {
            _begin.ExecuteNonQuery();
            foreach (var request in _batch)
            {
                Apply(request, ref revision);
            }

            if (revision != _revision)
            {
                SetMeta(SqliteSchema.CurrentRevision, revision);
            }

            _commit.ExecuteNonQuery();
        }
        catch (Exception e)
        {
            // Nothing of the batch is durable, so every caller in it gets the failure, even those whose
            // own check had passed; revisions are not consumed.
            TryRollback();
            var error = new StoreException(StoreErrorKind.Unavailable, $"the store could not commit: {e.Message}", inner: e);
            foreach (var request in _batch)
            {
                request.Completion.TrySetException(error);
            }

            return;
        }

        _revision = revision;
        _hub.Publish(_events, revision);
        foreach (var request in _batch)
        {
            if (request.Error is not null)
            {
                request.Completion.TrySetException(request.Error);
            }
            else
            {
                request.Completion.TrySetResult(request.Result!);
            }
        }
    }

    private void Apply(WriteRequest request, ref long revision)
    {
        var current = ReadLive(request.Key);
        if (request.Kind == WriteKind.Create)
        {
            if (current is not null)
            {
                request.Error = new StoreException(StoreErrorKind.KeyExists, $"key {request.Key} already exists", current);
                return;
            }

            revision++;
            Insert(revision, request.Key, revision, LastRow(request.Key), deleted: false, request.Value);
            SetLive(request.Key, revision);
            _events.Add(new WatchEvent(WatchEventType.Added, request.Key, request.Value, revision, revision));
            request.Result = new WriteResult(revision, null);
            return;
        }

        if (current is null)
        {
            request.Error = new StoreException(StoreErrorKind.NotFound, $"key {request.Key} not found");
            return;
        }

        var checkRevision = request.Kind == WriteKind.Update || request.Expected != 0;
        if (checkRevision && current.ModRevision != request.Expected)
        {
            request.Error = new StoreException(StoreErrorKind.Conflict, $"key {request.Key} is at revision {current.ModRevision}, not {request.Expected}", current);
            return;
        }

        revision++;
        if (request.Kind == WriteKind.Update)
        {
            Insert(revision, request.Key, current.CreateRevision, current.ModRevision, deleted: false, request.Value);
            SetLive(request.Key, revision);
            _events.Add(new WatchEvent(WatchEventType.Modified, request.Key, request.Value, revision, current.CreateRevision));
            request.Result = new WriteResult(revision, null);
            return;
        }

        // The delete's row keeps the value it removed: watchers are owed it, and compaction drops it.
        Insert(revision, request.Key, current.CreateRevision, current.ModRevision, deleted: true, current.Value);
        _deleteLive.Parameters[0].Value = request.Key;
        _deleteLive.ExecuteNonQuery();
        _events.Add(new WatchEvent(WatchEventType.Deleted, request.Key, current.Value, revision, current.CreateRevision));
        request.Result = new WriteResult(revision, current);
    }

    private void CompactSlice(WriteRequest request)
    {
        var target = request.Expected;
        if (target > _revision)
        {
            request.Completion.TrySetException(new ArgumentOutOfRangeException(nameof(request), $"cannot compact to revision {target}: the current revision is {_revision}"));
            return;
        }

        if (target <= _compactRevision)
        {
            request.Completion.TrySetResult(new WriteResult(_compactRevision, null));
            return;
        }

        var from = _compactRevision;
        var to = Math.Min(target, from + CompactionSlice);
        try
        {
            _begin.ExecuteNonQuery();
            foreach (var command in new[] { _dropSuperseded, _dropTombstones })
            {
                command.Parameters[0].Value = from;
                command.Parameters[1].Value = to;
                command.ExecuteNonQuery();
            }

            SetMeta(SqliteSchema.CompactRevision, to);
            _commit.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            TryRollback();
            request.Completion.TrySetException(new StoreException(StoreErrorKind.Unavailable, $"compaction failed: {e.Message}", inner: e));
            return;
        }

        Volatile.Write(ref _compactRevision, to);
        if (to < target)
        {
            // Back of the queue: writes that arrived meanwhile go first.
            if (!_queue.Writer.TryWrite(request))
            {
                request.Completion.TrySetException(new StoreException(StoreErrorKind.Unavailable, "the store was closed during compaction"));
            }

            return;
        }

        ReturnSpace();
        request.Completion.TrySetResult(new WriteResult(to, null));
    }

    /// <summary>
    /// Keeps the files from growing under churn: the WAL is checkpointed (journal_size_limit then
    /// truncates it), and when much of the file is free, the free pages go back to the file system.
    /// Modest free space is left alone because new rows reuse it anyway.
    /// </summary>
    private void ReturnSpace()
    {
        try
        {
            var pages = SqliteOpener.Scalar(_connection, "PRAGMA page_count");
            var free = SqliteOpener.Scalar(_connection, "PRAGMA freelist_count");
            if (free > 256 && free * 4 > pages)
            {
                SqliteOpener.Execute(_connection, $"PRAGMA incremental_vacuum({free - (pages / 8)})");
            }

            SqliteOpener.Execute(_connection, "PRAGMA wal_checkpoint(PASSIVE)");
        }
        catch (SqliteException)
        {
            // Only housekeeping; the next compaction tries again.
        }
    }

    private KeyValue? ReadLive(string key)
    {
        _live.Parameters[0].Value = key;
        using var reader = _live.ExecuteReader();
        return reader.Read() ? new KeyValue(key, (byte[])reader.GetValue(2), reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private long LastRow(string key)
    {
        _lastRow.Parameters[0].Value = key;
        return _lastRow.ExecuteScalar() is long revision ? revision : 0;
    }

    private void Insert(long revision, string key, long createRevision, long prevRevision, bool deleted, byte[] value)
    {
        var p = _insert.Parameters;
        p[0].Value = revision;
        p[1].Value = key;
        p[2].Value = createRevision;
        p[3].Value = prevRevision;
        p[4].Value = deleted ? 1 : 0;
        p[5].Value = value;
        _insert.ExecuteNonQuery();
    }

    private void SetLive(string key, long revision)
    {
        _upsertLive.Parameters[0].Value = key;
        _upsertLive.Parameters[1].Value = revision;
        _upsertLive.ExecuteNonQuery();
    }

    private void SetMeta(string name, long value)
    {
        _setMeta.Parameters[0].Value = value;
        _setMeta.Parameters[1].Value = name;
        _setMeta.ExecuteNonQuery();
    }

    private void TryRollback()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // SQLite already rolled back on its own after the error.
        }
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
