namespace Skiff.Storage.Tests.Conformance;

/// <summary>Reads a watch in the background so tests can wait for a number of change events.</summary>
internal sealed class WatchCollector : IAsyncDisposable
{
    private readonly List<WatchEvent> _events = [];
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _pump;

    public WatchCollector(IStore store, string prefix, long fromRevision, WatchOptions? options = null)
    {
        var enumerable = store.WatchAsync(prefix, fromRevision, options, _cts.Token);
        _pump = Task.Run(async () =>
        {
            await foreach (var e in enumerable.ConfigureAwait(false))
            {
                lock (_events)
                {
                    _events.Add(e);
                    Monitor.PulseAll(_events);
                }
            }
        });
    }

    public Exception? Error => _pump.IsFaulted ? _pump.Exception!.InnerException : null;

    public IReadOnlyList<WatchEvent> Changes
    {
        get
        {
            lock (_events)
            {
                return _events.Where(e => e.Type != WatchEventType.Progress).ToList();
            }
        }
    }

    public IReadOnlyList<WatchEvent> All
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> change events arrived; fails the test on timeout or watch error.</summary>
    public async Task<IReadOnlyList<WatchEvent>> WaitForChangesAsync(int count, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => Changes.Count >= count, timeout ?? TimeSpan.FromSeconds(20), $"{count} change events");
        return Changes;
    }

    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (_pump.IsCompleted)
            {
                await _pump;
                throw new Xunit.Sdk.XunitException($"watch ended before {what}; got {Changes.Count} changes");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"timed out waiting for {what}; got {Changes.Count} changes");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }
        catch (StoreException)
        {
        }

        _cts.Dispose();
    }
}
