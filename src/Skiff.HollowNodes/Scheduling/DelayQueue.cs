namespace Skiff.HollowNodes.Scheduling;

/// <summary>
/// One timer for everything that must happen later: items wait in a heap ordered by due time and are handed
/// to <c>ready</c> when due. A per-pod timer would be one more object to cancel and leak; an item for a pod
/// that has gone simply fires and finds nothing to do.
/// </summary>
internal sealed class DelayQueue<T>
{
    private readonly PriorityQueue<T, DateTimeOffset> _heap = new();
    private readonly TimeProvider _time;
    private readonly Action<T> _ready;
    private TaskCompletionSource _changed = NewSignal();

    public DelayQueue(TimeProvider time, Action<T> ready)
    {
        _time = time;
        _ready = ready;
    }

    public int Count
    {
        get
        {
            lock (_heap)
            {
                return _heap.Count;
            }
        }
    }

    public void Add(T item, DateTimeOffset due)
    {
        TaskCompletionSource? wake = null;
        lock (_heap)
        {
            var earliest = _heap.TryPeek(out _, out var first) ? first : DateTimeOffset.MaxValue;
            _heap.Enqueue(item, due);
            if (due < earliest)
            {
                wake = _changed;
                _changed = NewSignal();
            }
        }

        wake?.TrySetResult();
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var due = new List<T>();
            TimeSpan wait;
            Task changed;
            lock (_heap)
            {
                var now = _time.GetUtcNow();
                while (_heap.TryPeek(out var item, out var at) && at <= now)
                {
                    _heap.Dequeue();
                    due.Add(item);
                }

                wait = _heap.TryPeek(out _, out var next) ? next - now : Timeout.InfiniteTimeSpan;
                changed = _changed.Task;
            }

            foreach (var item in due)
            {
                _ready(item);
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var timer = Task.Delay(wait, _time, sleep.Token);
            await Task.WhenAny(timer, changed).ConfigureAwait(false);
            await sleep.CancelAsync().ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
