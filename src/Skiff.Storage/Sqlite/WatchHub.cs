namespace Skiff.Storage.Sqlite;

/// <summary>
/// Fans committed changes out to watchers. The writer publishes each batch under the lock, and a
/// watcher joins under the same lock, so a joining watcher knows exactly which revision its live
/// feed starts after: nothing is missed and nothing arrives twice.
/// </summary>
internal sealed class WatchHub
{
    private readonly Lock _lock = new();
    private readonly List<Watcher> _watchers = [];
    private long _revision;
    private Exception? _closed;

    public WatchHub(long revision) => _revision = revision;

    /// <summary>The newest revision every watcher has been handed.</summary>
    public long Revision
    {
        get
        {
            lock (_lock)
            {
                return _revision;
            }
        }
    }

    public Watcher Join(string prefix, int bufferSize)
    {
        lock (_lock)
        {
            if (_closed is not null)
            {
                throw new StoreException(StoreErrorKind.Unavailable, "the store was closed");
            }

            var watcher = new Watcher(prefix, bufferSize, _revision);
            _watchers.Add(watcher);
            return watcher;
        }
    }

    public void Leave(Watcher watcher)
    {
        lock (_lock)
        {
            _watchers.Remove(watcher);
        }
    }

    /// <summary>The revision a progress event may report for this watcher, or null while it still has events queued.</summary>
    public long? ProgressFor(Watcher watcher)
    {
        lock (_lock)
        {
            return watcher.Events.Count == 0 ? _revision : null;
        }
    }

    public void Publish(IReadOnlyList<WatchEvent> events, long revision)
    {
        lock (_lock)
        {
            for (var i = _watchers.Count - 1; i >= 0; i--)
            {
                var watcher = _watchers[i];
                foreach (var e in events)
                {
                    if (e.Key.StartsWith(watcher.Prefix, StringComparison.Ordinal) && !watcher.TryDeliver(e))
                    {
                        watcher.End(new StoreException(
                            StoreErrorKind.WatchLagging,
                            $"watch on '{watcher.Prefix}' fell more than its buffer behind at revision {e.Revision}; resume from the last revision received"));
                        _watchers.RemoveAt(i);
                        break;
                    }
                }
            }

            _revision = revision;
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _closed = new StoreException(StoreErrorKind.Unavailable, "the store was closed");
            foreach (var watcher in _watchers)
            {
                watcher.End(_closed);
            }

            _watchers.Clear();
        }
    }
}
