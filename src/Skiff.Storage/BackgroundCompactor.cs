namespace Skiff.Storage;

/// <summary>
/// Keeps about <see cref="StoreOptions.HistoryRetention"/> of history: every interval it notes the
/// current revision, and compacts to the newest revision noted at least a retention ago. Works for
/// any backend because it only needs the revision and Compact.
/// </summary>
internal sealed class BackgroundCompactor : IAsyncDisposable
{
    private readonly IStore _store;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    private readonly Queue<(DateTimeOffset At, long Revision)> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public BackgroundCompactor(IStore store, TimeSpan retention, TimeProvider time)
    {
        _store = store;
        _retention = retention;
        _time = time;
    }

    public long CompactedRevision { get; private set; }

    public Exception? LastError { get; private set; }

    /// <summary>Starts the periodic loop; returns null when <see cref="StoreOptions.CompactionInterval"/> turns it off.</summary>
    public static BackgroundCompactor? Start(IStore store, StoreOptions options)
    {
        if (options.CompactionInterval <= TimeSpan.Zero)
        {
            return null;
        }

        var compactor = new BackgroundCompactor(store, options.HistoryRetention, options.TimeProvider);
        compactor._loop = compactor.RunAsync(options.CompactionInterval);
        return compactor;
    }

    /// <summary>One round: sample the revision, compact what fell out of the retention window.</summary>
    public async Task TickAsync(CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        _samples.Enqueue((now, await _store.CurrentRevisionAsync(ct).ConfigureAwait(false)));

        long target = 0;
        while (_samples.Count > 0 && _samples.Peek().At <= now - _retention)
        {
            target = _samples.Dequeue().Revision;
        }

        if (target <= CompactedRevision)
        {
            return;
        }

        try
        {
            await _store.CompactAsync(target, ct).ConfigureAwait(false);
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.Compacted)
        {
            // Someone else (another server on the same etcd, an operator) compacted further already.
        }

        CompactedRevision = target;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await TickAsync(_stop.Token).ConfigureAwait(false);
                    LastError = null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed round (store busy or briefly unavailable) is retried on the next tick.
                    LastError = e;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
