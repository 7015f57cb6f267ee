using Microsoft.Data.Sqlite;

namespace Skiff.Storage.Sqlite;

/// <summary>Whole-store copies: VACUUM INTO from a live read snapshot, and an offline restore that checks before it replaces.</summary>
internal static class SqliteSnapshot
{
    public static void Write(string dbPath, string path)
    {
        var target = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            // Its own connection: the pooled readers are query_only, and VACUUM INTO counts as a write.
            using (var connection = SqliteOpener.Connect(dbPath))
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "VACUUM INTO $path";
                command.Parameters.AddWithValue("$path", temporary);
                command.ExecuteNonQuery();
            }

            Fsync(temporary);
            File.Move(temporary, target, overwrite: true);
        }
        catch (SqliteException e)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot write snapshot {target}: {e.Message}", inner: e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static void Restore(string snapshotPath, string dbPath)
    {
        var snapshot = Path.GetFullPath(snapshotPath);
        var target = Path.GetFullPath(dbPath);
        Check(snapshot);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var storeLock = StoreLock.Acquire(target);
        var temporary = target + ".restoring";
        File.Copy(snapshot, temporary, overwrite: true);
        Fsync(temporary);

        // The old file's WAL must never be replayed onto the restored file.
        File.Delete(target + "-wal");
        File.Delete(target + "-shm");
        File.Move(temporary, target, overwrite: true);
    }

    private static void Check(string snapshot)
    {
        if (!File.Exists(snapshot))
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"snapshot {snapshot} does not exist");
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = snapshot, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            if (SqliteOpener.Scalar(connection, "PRAGMA application_id") != SqliteSchema.ApplicationId
                || SqliteOpener.Scalar(connection, "PRAGMA user_version") != SqliteSchema.Version)
            {
                throw new StoreException(StoreErrorKind.Unavailable, $"{snapshot} is not a skiff store snapshot; nothing was restored");
            }

            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check(1)";
            if (check.ExecuteScalar() as string != "ok")
            {
                throw new StoreException(StoreErrorKind.Unavailable, $"snapshot {snapshot} is damaged; nothing was restored");
            }
        }
        catch (SqliteException e)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"{snapshot} is not a readable skiff snapshot ({e.Message}); nothing was restored", inner: e);
        }
    }

    private static void Fsync(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Flush(flushToDisk: true);
    }
}
