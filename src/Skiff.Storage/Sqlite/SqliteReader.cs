using Microsoft.Data.Sqlite;

namespace Skiff.Storage.Sqlite;

/// <summary>
/// One read connection with its statements prepared once. Reads of several statements go through
/// <see cref="InSnapshot"/> so they see one snapshot of the WAL.
/// </summary>
internal sealed class SqliteReader : IDisposable
{
    private const string LiveColumns = "kv.key, l.value, l.revision, l.create_revision";

    // The newest row of each key at or below $rev; a key whose newest row is a delete was not live then.
    private const string AtRevision = """
        FROM (SELECT key, MAX(revision) AS revision FROM log
              WHERE key >= $start AND key < CAST($end AS TEXT) AND key > $after AND revision <= $rev
              GROUP BY key) kv
        JOIN log l ON l.revision = kv.revision
        WHERE l.deleted = 0
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _end;
    private readonly SqliteCommand _get;
    private readonly SqliteCommand _meta;
    private readonly SqliteCommand _listNow;
    private readonly SqliteCommand _countNow;
    private readonly SqliteCommand _listAt;
    private readonly SqliteCommand _countAt;
    private readonly SqliteCommand _history;

    public SqliteReader(string path)
    {
        _connection = SqliteOpener.Connect(path);
        SqliteOpener.Execute(_connection, "PRAGMA query_only = 1");
        _begin = Prepare("BEGIN");
        _end = Prepare("COMMIT");
        _get = Prepare("SELECT kv.key, l.value, l.revision, l.create_revision FROM kv JOIN log l ON l.revision = kv.revision WHERE kv.key = $key", "$key");
        _meta = Prepare("SELECT (SELECT value FROM meta WHERE name = 'current_revision'), (SELECT value FROM meta WHERE name = 'compact_revision')");
        _listNow = Prepare(
            $"SELECT {LiveColumns} FROM kv JOIN log l ON l.revision = kv.revision WHERE kv.key >= $start AND kv.key < CAST($end AS TEXT) AND kv.key > $after ORDER BY kv.key LIMIT $limit",
            "$start", "$end", "$after", "$limit");
        _countNow = Prepare("SELECT COUNT(*) FROM kv WHERE key >= $start AND key < CAST($end AS TEXT) AND key > $after", "$start", "$end", "$after");
        _listAt = Prepare($"SELECT {LiveColumns} {AtRevision} ORDER BY kv.key LIMIT $limit", "$start", "$end", "$after", "$rev", "$limit");
        _countAt = Prepare($"SELECT COUNT(*) {AtRevision}", "$start", "$end", "$after", "$rev");
        _history = Prepare(
            """
            SELECT revision, key, create_revision, deleted, value FROM log
            WHERE revision > $from AND revision <= $to AND key >= $start AND key < CAST($end AS TEXT)
            ORDER BY revision LIMIT $limit
            """,
            "$from", "$to", "$start", "$end", "$limit");
    }

    /// <summary>Runs <paramref name="read"/> in one read transaction, so all its statements see the same snapshot.</summary>
    public T InSnapshot<T>(Func<SqliteReader, T> read)
    {
        _begin.ExecuteNonQuery();
        try
        {
            return read(this);
        }
        finally
        {
            _end.ExecuteNonQuery();
        }
    }

    public KeyValue? Get(string key)
    {
        _get.Parameters[0].Value = key;
        using var reader = _get.ExecuteReader();
        return reader.Read() ? ReadKeyValue(reader) : null;
    }

    public (long Current, long Compact) Revisions()
    {
        using var reader = _meta.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Live keys in [start, end) after <paramref name="after"/>; <paramref name="revision"/> null reads the newest state.</summary>
    public List<KeyValue> List(string start, byte[] end, string after, long? revision, long limit)
    {
        var command = revision is null ? _listNow : _listAt;
        Bind(command, start, end, after, revision);
        command.Parameters["$limit"].Value = limit;
        var items = new List<KeyValue>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(ReadKeyValue(reader));
        }

        return items;
    }

    public long Count(string start, byte[] end, string after, long? revision)
    {
        var command = revision is null ? _countNow : _countAt;
        Bind(command, start, end, after, revision);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Changes in (from, to] under the prefix, oldest first.</summary>
    public List<WatchEvent> History(long from, long to, string start, byte[] end, int limit)
    {
        _history.Parameters["$from"].Value = from;
        _history.Parameters["$to"].Value = to;
        _history.Parameters["$start"].Value = start;
        _history.Parameters["$end"].Value = end;
        _history.Parameters["$limit"].Value = limit;
        var events = new List<WatchEvent>();
        using var reader = _history.ExecuteReader();
        while (reader.Read())
        {
            var revision = reader.GetInt64(0);
            var createRevision = reader.GetInt64(2);
            var type = reader.GetInt64(3) != 0 ? WatchEventType.Deleted
                : createRevision == revision ? WatchEventType.Added
                : WatchEventType.Modified;
            events.Add(new WatchEvent(type, reader.GetString(1), (byte[])reader.GetValue(4), revision, createRevision));
        }

        return events;
    }

    public void Dispose()
    {
        foreach (var command in new[] { _begin, _end, _get, _meta, _listNow, _countNow, _listAt, _countAt, _history })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private static KeyValue ReadKeyValue(SqliteDataReader reader) =>
        new(reader.GetString(0), (byte[])reader.GetValue(1), reader.GetInt64(2), reader.GetInt64(3));

    private static void Bind(SqliteCommand command, string start, byte[] end, string after, long? revision)
    {
        command.Parameters["$start"].Value = start;
        command.Parameters["$end"].Value = end;
        command.Parameters["$after"].Value = after;
        if (revision is { } rev)
        {
            command.Parameters["$rev"].Value = rev;
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
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
