using Microsoft.Extensions.Logging;
using Skiff.Storage;

namespace Skiff.ApiServer.Watch;

/// <summary>The single store watch that feeds the cache, and how its events reach subscribers.</summary>
public sealed partial class WatchCache
{
    private static readonly WatchOptions StoreWatchOptions = new(ProgressInterval: TimeSpan.FromSeconds(1), BufferSize: 100_000);

    private async Task PumpAsync(CancellationToken ct)
    {
        var needList = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await RelistAsync(ct).ConfigureAwait(false);
                    needList = false;
                }

                long from;
                lock (_lock)
                {
                    from = _revision;
                }

                await foreach (var e in _resource.Store.WatchAsync(_resource.Prefix(string.Empty), from, StoreWatchOptions, ct).ConfigureAwait(false))
                {
                    Apply(e);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (StoreException e) when (e.Kind == StoreErrorKind.WatchLagging)
            {
                // Resume from the last applied revision; nothing was lost.
            }
            catch (StoreException e) when (e.Kind == StoreErrorKind.Compacted)
            {
                LogRelist(_logger, _resource.Info.Resource, e.Message);
                needList = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPumpFailed(_logger, _resource.Info.Resource, e);
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
        }
    }

    private async Task RelistAsync(CancellationToken ct)
    {
        var fresh = new SortedDictionary<string, CachedObject>(StringComparer.Ordinal);
        string? next = null;
        long revision = 0;
        do
        {
            var page = await _resource.Store.ListAsync(_resource.Prefix(string.Empty), new ListOptions(5000, next, revision), ct).ConfigureAwait(false);
            revision = page.Revision;
            next = page.Continue;
            foreach (var kv in page.Items)
            {
                fresh[kv.Key] = ToCached(kv.Key, kv.Value, kv.ModRevision);
            }
        }
        while (next is not null);

        lock (_lock)
        {
            _objects.Clear();
            foreach (var (k, v) in fresh)
            {
                _objects[k] = v;
            }

            _historyStart = 0;
            _historyCount = 0;
            _revision = revision;
            _listedRevision = revision;

            // Watchers of the old state cannot be continued across a relist; they resume and relist themselves.
            foreach (var s in _subscribers)
            {
                s.Close(new WatchOverflowException());
            }

            _subscribers.Clear();
            Advance();
        }

        _ready.TrySetResult();
    }

    private CachedObject ToCached(string key, byte[] value, long revision)
    {
        if (StoredJson.TryAddResourceVersion(value, revision, out var json, out var storedNamespace))
        {
            return new CachedObject(key, _resource.Info.Namespaced ? storedNamespace : string.Empty, json, revision);
        }

        var stored = _resource.Decode(value, revision);
        var ns = _resource.Info.Namespaced ? Registry.Json.Namespace(stored.Object) : string.Empty;
        return new CachedObject(key, ns, stored.Object, revision);
    }

    private void Apply(WatchEvent e)
    {
        if (e.Type == WatchEventType.Progress)
        {
            lock (_lock)
            {
                if (e.Revision > _revision)
                {
                    _revision = e.Revision;
                    var bookmark = new CacheEvent(CacheEventType.Bookmark, null, null, e.Revision);
                    Dispatch(bookmark, recordHistory: false);
                    Advance();
                }
            }

            return;
        }

        var current = ToCached(e.Key, e.Value, e.Revision);
        lock (_lock)
        {
            if (e.Revision <= _revision)
            {
                return;
            }

            _objects.TryGetValue(e.Key, out var previous);
            CacheEvent change;
            if (e.Type == WatchEventType.Deleted)
            {
                _objects.Remove(e.Key);
                change = new CacheEvent(CacheEventType.Deleted, current, previous, e.Revision);
            }
            else
            {
                _objects[e.Key] = current;
                change = new CacheEvent(previous is null ? CacheEventType.Added : CacheEventType.Modified, current, previous, e.Revision);
            }

            _revision = e.Revision;
            Dispatch(change, recordHistory: true);
            Advance();
        }
    }

    /// <summary>Called under the lock.</summary>
    private void Dispatch(CacheEvent e, bool recordHistory)
    {
        if (recordHistory)
        {
            if (_historyCount < HistoryCapacity)
            {
                _history[(_historyStart + _historyCount) % HistoryCapacity] = e;
                _historyCount++;
            }
            else
            {
                _history[_historyStart] = e;
                _historyStart = (_historyStart + 1) % HistoryCapacity;
            }
        }

        var key = Key(e);
        for (var i = _subscribers.Count - 1; i >= 0; i--)
        {
            var s = _subscribers[i];
            if (e.Type != CacheEventType.Bookmark && (e.Revision <= s.AfterRevision || !key.StartsWith(s.KeyPrefix, StringComparison.Ordinal)))
            {
                continue;
            }

            if (!s.Offer(e))
            {
                _subscribers.RemoveAt(i);
            }
        }
    }

    /// <summary>Called under the lock: wakes readers waiting for a newer revision.</summary>
    private void Advance()
    {
        var previous = _advanced;
        _advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "watch cache for {Resource} relists: {Reason}")]
    private static partial void LogRelist(ILogger logger, string resource, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "watch cache for {Resource} lost its store watch")]
    private static partial void LogPumpFailed(ILogger logger, string resource, Exception error);
}
