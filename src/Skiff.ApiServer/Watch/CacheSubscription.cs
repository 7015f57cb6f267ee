using System.Threading.Channels;

namespace Skiff.ApiServer.Watch;

/// <summary>
/// One watcher's queue of cache events. The cache never waits on it: a watcher that lets too many events
/// pile up is cut off, and its client resumes from the last resourceVersion it saw, as upstream's slow
/// watchers are.
/// </summary>
public sealed class CacheSubscription : IDisposable
{
    // Not SingleReader: that channel cannot count its queue (Reader.Count throws), and Offer needs the count.
    private readonly Channel<CacheEvent> _channel = Channel.CreateUnbounded<CacheEvent>();
    private readonly Action<CacheSubscription> _unsubscribe;
    private readonly int _limit;

    internal CacheSubscription(string keyPrefix, long afterRevision, int limit, Action<CacheSubscription> unsubscribe)
    {
        KeyPrefix = keyPrefix;
        AfterRevision = afterRevision;
        _limit = limit;
        _unsubscribe = unsubscribe;
    }

    public string KeyPrefix { get; }

    /// <summary>Only changes after this revision are queued.</summary>
    public long AfterRevision { get; }

    public ChannelReader<CacheEvent> Events => _channel.Reader;

    /// <summary>Queues without blocking; returns false when the watcher has fallen too far behind.</summary>
    internal bool Offer(CacheEvent e)
    {
        if (_channel.Reader.Count >= _limit)
        {
            _channel.Writer.TryComplete(new WatchOverflowException());
            return false;
        }

        return _channel.Writer.TryWrite(e);
    }

    /// <summary>Queues events that must all be delivered (the initial state), regardless of the limit.</summary>
    internal void Preload(CacheEvent e) => _channel.Writer.TryWrite(e);

    internal void Close(Exception? error) => _channel.Writer.TryComplete(error);

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _unsubscribe(this);
    }
}
