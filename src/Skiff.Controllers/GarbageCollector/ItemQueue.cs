using Skiff.Client.Queue;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>
/// The collector's two queues (attemptToDelete, attemptToOrphan) hold uids, not object keys, so they cannot be the
/// builder's queues. Same contract: de-duplicated, never one item to two workers, per-item exponential backoff
/// (5 ms doubling to 1000 s, as upstream).
/// </summary>
internal sealed class ItemQueue(TimeProvider time) : IWorkQueue<string>
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1000);

    private readonly Lock _lock = new();
    private readonly Queue<string> _ready = new();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _shutdown = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _ready.Count;
            }
        }
    }

    public void Add(string key)
    {
        lock (_lock)
        {
            if (_shutdown.IsCancellationRequested || !_dirty.Add(key))
            {
                return;
            }

            if (_processing.Contains(key))
            {
                // Handed out again after Done.
                return;
            }

            _ready.Enqueue(key);
        }

        _signal.Release();
    }

    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        _ = AddLaterAsync(key, delay);
    }

    public void AddRateLimited(string key)
    {
        int failures;
        lock (_lock)
        {
            failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
        }

        var delay = BaseDelay * Math.Pow(2, Math.Min(failures, 40));
        AddAfter(key, delay > MaxDelay ? MaxDelay : delay);
    }

    public void Forget(string key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    public int Retries(string key)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    public async ValueTask<(bool Ok, string Key)> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_ready.TryDequeue(out var key))
                {
                    _dirty.Remove(key);
                    _processing.Add(key);
                    return (true, key);
                }

                if (_shutdown.IsCancellationRequested)
                {
                    return (false, string.Empty);
                }
            }

            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _shutdown.Token);
                await _signal.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Shut down: drain what is ready, then report the end.
            }
        }
    }

    public void Done(string key)
    {
        var again = false;
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key) && !_shutdown.IsCancellationRequested)
            {
                _ready.Enqueue(key);
                again = true;
            }
        }

        if (again)
        {
            _signal.Release();
        }
    }

    public void ShutDown() => _shutdown.Cancel();

    public void Dispose()
    {
        _shutdown.Cancel();
        _shutdown.Dispose();
        _signal.Dispose();
    }

    private async Task AddLaterAsync(string key, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, time, _shutdown.Token).ConfigureAwait(false);
            Add(key);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
