using System.Collections.Concurrent;

namespace Skiff.Storage.Sqlite;

/// <summary>Read connections reused across calls, so a read costs a statement, not an open.</summary>
internal sealed class ReaderPool : IDisposable
{
    private readonly string _path;
    private readonly ConcurrentBag<SqliteReader> _idle = [];
    private readonly int _maxIdle = Math.Max(4, Environment.ProcessorCount * 2);
    private volatile bool _disposed;

    public ReaderPool(string path) => _path = path;

    public T Use<T>(Func<SqliteReader, T> read)
    {
        var reader = _idle.TryTake(out var idle) ? idle : new SqliteReader(_path);
        T result;
        try
        {
            result = read(reader);
        }
        catch (StoreException)
        {
            Return(reader);
            throw;
        }
        catch
        {
            // The connection may be in any state after a SQLite error; a fresh one is cheap.
            reader.Dispose();
            throw;
        }

        Return(reader);
        return result;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private void Return(SqliteReader reader)
    {
        if (!_disposed && _idle.Count < _maxIdle)
        {
            _idle.Add(reader);
        }
        else
        {
            reader.Dispose();
        }
    }
}
