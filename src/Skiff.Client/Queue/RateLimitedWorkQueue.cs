namespace Skiff.Client.Queue;

/// <summary>
/// The controller work queue: de-duplicating, one worker per key at a time, delayed and rate-limited adds on one
/// timer over a heap of due times.
/// </summary>
public sealed class RateLimitedWorkQueue<TKey> : IWorkQueue<TKey>
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private readonly DelayHeap<TKey> _delayed = new();
    private readonly TimeProvider _time;
    private readonly RateLimiter<TKey> _limiter;
    private readonly ITimer _timer;
    private long? _timerDue;
    private bool _shuttingDown;

    public RateLimitedWorkQueue(TimeProvider time, RateLimiterOptions? options = null)
    {
        _time = time;
        _limiter = new RateLimiter<TKey>(time, options ?? RateLimiterOptions.Default);
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keys ready for a worker (not those waiting out a delay, nor those being processed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Keys waiting out a delay.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_lock)
            {
                return _delayed.Count;
            }
        }
    }

    public bool ShuttingDown
    {
        get
        {
            lock (_lock)
            {
                return _shuttingDown;
            }
        }
    }

    public void Add(TKey key)
    {
        lock (_lock)
        {
            AddLocked(key);
        }
    }

    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_lock)
        {
            if (_shuttingDown)
            {
                return;
            }

            _delayed.Add(key, _time.GetTimestamp() + ToTicks(delay));
            ArmTimerLocked();
        }
    }

    public void AddRateLimited(TKey key) => AddAfter(key, _limiter.When(key));

    public void Forget(TKey key) => _limiter.Forget(key);

    public int Retries(TKey key) => _limiter.Retries(key);

    public async ValueTask<(bool Ok, TKey Key)> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            TaskCompletionSource waiter;
            lock (_lock)
            {
                if (_queue.TryDequeue(out var key))
                {
                    _dirty.Remove(key);
                    _processing.Add(key);
                    return (true, key);
                }

                if (_shuttingDown)
                {
                    return (false, default!);
                }

                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Enqueue(waiter);
            }

            // A waiter woken for a key another taker got first just loops. A cancelled waiter's completion source is
            // cancelled too, so a later wake-up passes it by instead of being lost on it.
            using (ct.Register(static w => ((TaskCompletionSource)w!).TrySetCanceled(), waiter))
            {
                await waiter.Task.ConfigureAwait(false);
            }
        }
    }

    public void Done(TKey key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Contains(key))
            {
                _queue.Enqueue(key);
                WakeOneLocked();
            }
        }
    }

    /// <summary>Stops taking new keys; workers still get the keys already queued, then TakeAsync returns false.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shuttingDown = true;
            _delayed.Clear();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            while (_waiters.TryDequeue(out var waiter))
            {
                waiter.TrySetResult();
            }
        }
    }

    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
    }

    private void AddLocked(TKey key)
    {
        if (_shuttingDown || !_dirty.Add(key))
        {
            return;
        }

        // A key being processed is only marked dirty; Done puts it back so no two workers hold it at once.
        if (_processing.Contains(key))
        {
            return;
        }

        _queue.Enqueue(key);
        WakeOneLocked();
    }

    private void WakeOneLocked()
    {
        while (_waiters.TryDequeue(out var waiter))
        {
            if (waiter.TrySetResult())
            {
                return;
            }
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            _timerDue = null;
            foreach (var key in _delayed.TakeDue(_time.GetTimestamp()))
            {
                AddLocked(key);
            }

            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        if (_shuttingDown || _delayed.Earliest is not { } due || (_timerDue is { } armed && armed <= due))
        {
            return;
        }

        _timerDue = due;
        var wait = _time.GetElapsedTime(_time.GetTimestamp(), due);
        _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private long ToTicks(TimeSpan delay) => (long)(delay.TotalSeconds * _time.TimestampFrequency);
}
