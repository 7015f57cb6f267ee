using Microsoft.Extensions.Logging;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;
using Skiff.Storage;

namespace Skiff.ApiServer.Watch;

/// <summary>
/// Holds every object of one resource in memory, fed by a single store watch, and fans changes out to any
/// number of watchers, so N watchers cost one store watch and lists at resourceVersion=0 never touch the
/// store. Keeps a window of recent events so watchers can resume from a recent resourceVersion.
/// </summary>
public sealed partial class WatchCache : IAsyncDisposable
{
    private const int HistoryCapacity = 10_000;
    private const int WatcherQueueLimit = 10_000;
    private static readonly TimeSpan WaitForFreshness = TimeSpan.FromSeconds(3);

    private readonly ResourceStore _resource;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, CachedObject> _objects = new(StringComparer.Ordinal);
    private readonly CacheEvent[] _history = new CacheEvent[HistoryCapacity];
    private readonly List<CacheSubscription> _subscribers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _historyStart;
    private int _historyCount;
    private long _revision;
    private long _listedRevision;
    private Task? _pump;

    public WatchCache(ResourceStore resource, ILogger logger)
    {
        _resource = resource;
        _logger = logger;
    }

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

    public void Start()
    {
        lock (_lock)
        {
            _pump ??= Task.Run(() => PumpAsync(_stop.Token));
        }
    }

    /// <summary>The objects under <paramref name="ns"/> once the cache has seen at least <paramref name="minRevision"/>.</summary>
    public async Task<CacheSnapshot> ListAsync(string ns, long minRevision, CancellationToken ct)
    {
        await WaitForRevisionAsync(minRevision, ct).ConfigureAwait(false);
        lock (_lock)
        {
            return Snapshot(ns);
        }
    }

    /// <summary>
    /// The cached object under <paramref name="ns"/>/<paramref name="name"/> (null when the cache does not hold one),
    /// if the cache has seen <paramref name="minRevision"/>; false when it has not listed yet or is behind. Never
    /// waits: the caller reads the store instead.
    /// </summary>
    public bool TryGet(string ns, string name, long minRevision, out CachedObject? obj)
    {
        obj = null;
        if (!_ready.Task.IsCompletedSuccessfully)
        {
            return false;
        }

        var key = _resource.Key(ns, name);
        lock (_lock)
        {
            if (_revision < minRevision)
            {
                return false;
            }

            _objects.TryGetValue(key, out obj);
        }

        return true;
    }

    /// <summary>
    /// The objects under <paramref name="ns"/> if the cache has seen <paramref name="minRevision"/>; null when it has
    /// not listed yet or is behind. Never waits, unlike <see cref="ListAsync"/>.
    /// </summary>
    public CacheSnapshot? TryList(string ns, long minRevision)
    {
        if (!_ready.Task.IsCompletedSuccessfully)
        {
            return null;
        }

        lock (_lock)
        {
            return _revision < minRevision ? null : Snapshot(ns);
        }
    }

    /// <summary>
    /// Subscribes to changes under <paramref name="ns"/> after <paramref name="afterRevision"/>; with
    /// <paramref name="initialState"/> the current objects come first as Added events. Returns null when the
    /// revision is older than the cache's window, so the caller can fall back to the store.
    /// </summary>
    public async Task<CacheSubscription?> SubscribeAsync(string ns, long afterRevision, bool initialState, CancellationToken ct)
    {
        await _ready.Task.WaitAsync(ct).ConfigureAwait(false);
        var prefix = _resource.Prefix(ns);
        lock (_lock)
        {
            CacheSubscription subscription;
            if (initialState)
            {
                subscription = new CacheSubscription(prefix, _revision, WatcherQueueLimit, Unsubscribe);
                foreach (var (key, obj) in _objects)
                {
                    if (key.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        subscription.Preload(new CacheEvent(CacheEventType.Added, obj, null, obj.Revision));
                    }
                }

                subscription.Preload(new CacheEvent(CacheEventType.Bookmark, null, null, _revision, InitialEventsEnd: true));
            }
            else
            {
                if (afterRevision < OldestResumableRevision())
                {
                    return null;
                }

                subscription = new CacheSubscription(prefix, afterRevision, WatcherQueueLimit, Unsubscribe);
                for (var i = 0; i < _historyCount; i++)
                {
                    var e = _history[(_historyStart + i) % HistoryCapacity];
                    if (e.Revision > afterRevision && Key(e).StartsWith(prefix, StringComparison.Ordinal))
                    {
                        subscription.Preload(e);
                    }
                }
            }

            _subscribers.Add(subscription);
            return subscription;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pump is not null)
        {
            try
            {
                await _pump.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        lock (_lock)
        {
            foreach (var s in _subscribers)
            {
                s.Close(null);
            }

            _subscribers.Clear();
        }

        _stop.Dispose();
    }

    /// <summary>Called under the lock.</summary>
    private CacheSnapshot Snapshot(string ns)
    {
        var prefix = _resource.Prefix(ns);
        var items = new List<CachedObject>();
        foreach (var (key, obj) in _objects)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                items.Add(obj);
            }
        }

        return new CacheSnapshot(items, _revision);
    }

    private static string Key(CacheEvent e) => e.Object?.Key ?? e.Previous?.Key ?? string.Empty;

    /// <summary>The lowest revision a watch may resume after and still see every later event.</summary>
    private long OldestResumableRevision()
    {
        if (_historyCount < HistoryCapacity)
        {
            return _listedRevision;
        }

        return _history[_historyStart].Revision - 1;
    }

    private async Task WaitForRevisionAsync(long minRevision, CancellationToken ct)
    {
        Start();
        await _ready.Task.WaitAsync(ct).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(WaitForFreshness);
        while (true)
        {
            Task advanced;
            long current;
            lock (_lock)
            {
                current = _revision;
                advanced = _advanced.Task;
            }

            if (current >= minRevision)
            {
                return;
            }

            try
            {
                await advanced.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new ApiException(504, "Timeout", $"Too large resource version: {minRevision}, current: {current}");
            }
        }
    }

    private void Unsubscribe(CacheSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }
    }
}
