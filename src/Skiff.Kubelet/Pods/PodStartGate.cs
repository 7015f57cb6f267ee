namespace Skiff.Kubelet.Pods;

/// <summary>
/// Bounds how many sandboxes and containers the kubelet creates at once, and lets the oldest pod go first.
/// When many pods arrive together, creating all their sandboxes at once makes every CRI call share the same cores,
/// so all pods become Ready together at the very end; a few at a time in creation order does the same work with less
/// contention and makes the first pods Ready early. A pod whose sandbox is up overtakes younger pods for its
/// containers, so it is never left waiting behind every sandbox of a burst.
/// </summary>
public sealed class PodStartGate
{
    private readonly object _lock = new();
    private readonly PriorityQueue<TaskCompletionSource, (DateTime Created, long Arrival)> _waiting = new();
    private readonly Dictionary<string, long> _arrivals = new(StringComparer.Ordinal);
    private long _nextArrival;
    private int _free;

    public PodStartGate(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _free = slots;
    }

    /// <summary>Twice the cores: enough to keep them busy while one call waits on disk or on a child process.</summary>
    public static int DefaultSlots => 2 * Environment.ProcessorCount;

    /// <summary>Waits for a slot; the older pod (by creation time, then by first arrival here) is served first.</summary>
    public async Task<IDisposable> EnterAsync(string podUid, DateTime? created, CancellationToken ct)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (!_arrivals.TryGetValue(podUid, out var arrival))
            {
                arrival = _nextArrival++;
                _arrivals[podUid] = arrival;
            }

            if (_free > 0 && _waiting.Count == 0)
            {
                _free--;
                return new Slot(this);
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter, (created ?? DateTime.MaxValue, arrival));
        }

        // Whichever completes the waiter first wins: a cancelled waiter is skipped by Release, a granted one owns its slot.
        using (ct.Register(() => waiter.TrySetCanceled(ct)))
        {
            await waiter.Task.ConfigureAwait(false);
        }

        return new Slot(this);
    }

    /// <summary>Forgets a pod that is gone, so the arrival order does not grow with every pod the node ever ran.</summary>
    public void Forget(string podUid)
    {
        lock (_lock)
        {
            _arrivals.Remove(podUid);
        }
    }

    private void Release()
    {
        lock (_lock)
        {
            while (_waiting.TryDequeue(out var next, out _))
            {
                // A waiter cancelled meanwhile stays queued until here; skip it.
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _free++;
        }
    }

    private sealed class Slot(PodStartGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
