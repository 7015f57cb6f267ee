using Microsoft.Data.Sqlite;

namespace Skiff.Storage.Sqlite;

/// <summary>
/// Opens connections and makes sure the file is our store and usable before anything is served.
/// Every failure becomes Unavailable with a message that names the file, the problem and the way
/// out, because a store that cannot open must stop the server instead of starting it empty.
/// </summary>
internal static class SqliteOpener
{
    public static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 5000");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens the writer's connection: creates the schema in a new file, checks an existing one.</summary>
    public static SqliteConnection OpenWriter(string path, bool verify)
    {
        SqliteConnection? connection = null;
        try
        {
            connection = Connect(path);
            var applicationId = Scalar(connection, "PRAGMA application_id");
            var objects = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master");
            if (applicationId == 0 && objects == 0)
            {
                CreateSchema(connection);
            }
            else if (applicationId != SqliteSchema.ApplicationId)
            {
                throw Unavailable($"{path} is a SQLite database but not a skiff store (it has no skiff schema). Point skiff at another path or move the file away; it was left untouched.");
            }
            else if (Scalar(connection, "PRAGMA user_version") is var version && version != SqliteSchema.Version)
            {
                throw Unavailable($"{path} has store schema version {version}, which this skiff does not know (it knows {SqliteSchema.Version}). Use the skiff release that wrote it; the file was left untouched.");
            }

            if (!string.Equals(Text(connection, "PRAGMA journal_mode = WAL"), "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw Unavailable($"cannot switch {path} to write-ahead logging; is the directory on a file system that supports shared memory and locks?");
            }

            // FULL: an acknowledged write is in the fsynced WAL, so it survives a power cut, not only a crash.
            Execute(connection, "PRAGMA synchronous = FULL");
            Execute(connection, "PRAGMA journal_size_limit = 67108864");
            if (verify && Text(connection, "PRAGMA quick_check(1)") is var check && check != "ok")
            {
                throw Corrupt(path, check);
            }

            // A file we may read but not write opens "successfully" in read-only mode; a real write finds out now.
            Execute(connection, "BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE name = 'current_revision'; COMMIT;");
            return connection;
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            throw Map(e, path);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    public static StoreException Map(SqliteException e, string path)
    {
        var message = (e.SqliteErrorCode & 0xFF) switch
        {
            26 => $"{path} is not a SQLite database (a foreign or badly damaged file). Move it away to start an empty store, or restore a snapshot into its place; it was left untouched.",
            11 => $"{path} is corrupt ({e.Message}). Restore a snapshot into its place (SqliteStore.Restore), or move it away to start an empty store.",
            8 or 3 or 23 => $"{path} is read-only ({e.Message}). Skiff needs to write the file and its directory; check permissions, mount options and immutable attributes.",
            14 => $"cannot open {path} ({e.Message}). Check that the directory exists and is writable.",
            5 or 6 => $"{path} is locked by another program ({e.Message}). Stop whatever else has it open.",
            13 => $"the disk holding {path} is full ({e.Message}). Free space and start again.",
            10 => $"I/O error on {path} ({e.Message}). Check the disk and the file system.",
            _ => $"cannot use {path}: {e.Message}",
        };
        return new StoreException(StoreErrorKind.Unavailable, message, inner: e);
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static void CreateSchema(SqliteConnection connection)
    {
        // auto_vacuum can only be chosen before the first table exists.
        Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL");
        Execute(connection, "PRAGMA journal_mode = WAL");
        Execute(connection, "BEGIN IMMEDIATE");
        Execute(connection, SqliteSchema.Create);
        Execute(connection, $"PRAGMA application_id = {SqliteSchema.ApplicationId}");
        Execute(connection, $"PRAGMA user_version = {SqliteSchema.Version}");
        Execute(connection, "COMMIT");
    }

    private static StoreException Unavailable(string message) => new(StoreErrorKind.Unavailable, message);

    private static StoreException Corrupt(string path, string detail) =>
        Unavailable($"{path} is corrupt (integrity check: {detail}). Restore a snapshot into its place (SqliteStore.Restore), or move it away to start an empty store.");
}
