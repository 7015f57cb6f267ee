namespace Skiff.Storage.Sqlite;

/// <summary>
/// An exclusive lock next to the database, held while a store is open, so two processes never write
/// the same store. A separate file because opening and closing another descriptor on the database
/// itself would drop SQLite's own POSIX locks.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    /// <exception cref="StoreException">Unavailable: held by another process, or the directory is not writable.</exception>
    public static StoreLock Acquire(string dbPath)
    {
        var path = dbPath + ".lock";
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException(
                StoreErrorKind.Unavailable,
                $"cannot create {path}: {e.Message} The directory {Path.GetDirectoryName(path)} must be writable by skiff (is it read-only or immutable?).",
                inner: e);
        }
        catch (IOException e)
        {
            throw new StoreException(
                StoreErrorKind.Unavailable,
                $"the store {dbPath} is in use by another process ({e.Message}). Stop that process, or give this one another --data-dir; two writers would corrupt the store.",
                inner: e);
        }

        return new StoreLock(file);
    }

    public void Dispose() => _file.Dispose();
}
