using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Queue;

/// <summary>
/// Upstream's PriorityQueue: activeQ (ordered by the QueueSort plugin) feeds scheduling cycles; pods that did not fit
/// wait in the unschedulable map until a cluster event that concerns them, then in backoffQ until their backoff
/// (1 s doubling to 10 s by attempts) ends. A pod that fails while a move request happened during its cycle goes
/// straight to backoffQ, since the event that might have helped it was already seen.
/// </summary>
public sealed class SchedulingQueue : IDisposable
{
    public static readonly TimeSpan DefaultInitialBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxBackoff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultMaxInUnschedulable = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _initialBackoff;
    private readonly TimeSpan _maxBackoff;
    private readonly TimeSpan _maxInUnschedulable;
    private readonly KeyedHeap<QueuedPodInfo> _active;
    private readonly KeyedHeap<QueuedPodInfo> _backoff;
    private readonly Dictionary<string, QueuedPodInfo> _unschedulable = new(StringComparer.Ordinal);
    private TaskCompletionSource? _waiting;
    private long _schedulingCycle;
    private long _moveRequestCycle = -1;
    private bool _closed;

    public SchedulingQueue(Func<QueuedPodInfo, QueuedPodInfo, bool> less, TimeProvider time, TimeSpan? initialBackoff = null, TimeSpan? maxBackoff = null, TimeSpan? maxInUnschedulable = null)
    {
        _time = time;
        _initialBackoff = initialBackoff ?? DefaultInitialBackoff;
        _maxBackoff = maxBackoff ?? DefaultMaxBackoff;
        _maxInUnschedulable = maxInUnschedulable ?? DefaultMaxInUnschedulable;
        _active = new KeyedHeap<QueuedPodInfo>(KeyOf, less);
        _backoff = new KeyedHeap<QueuedPodInfo>(KeyOf, (a, b) => BackoffExpiry(a) < BackoffExpiry(b));
    }

    public PodNominator Nominator { get; } = new();

    public long SchedulingCycle
    {
        get
        {
            lock (_lock)
            {
                return _schedulingCycle;
            }
        }
    }

    public PendingPods Pending
    {
        get
        {
            lock (_lock)
            {
                return new PendingPods(_active.Count, _backoff.Count, _unschedulable.Count);
            }
        }
    }

    /// <summary>A new pending pod: to activeQ, replacing any older copy wherever it waits.</summary>
    public void Add(PodInfo pod)
    {
        lock (_lock)
        {
            var key = pod.Uid;
            var existing = _active.Get(key) ?? _backoff.Get(key) ?? _unschedulable.GetValueOrDefault(key);
            _backoff.Remove(key);
            _unschedulable.Remove(key);
            var info = existing ?? new QueuedPodInfo(pod, _time.GetUtcNow());
            info.Pod = pod;
            _active.AddOrUpdate(info);
            Signal();
        }
    }

    /// <summary>
    /// A pending pod changed. Where it waits it is updated in place; an unschedulable pod whose spec changed may fit
    /// now, so it moves on (to backoffQ if still backing off); a pod in no queue (being scheduled) is added to activeQ.
    /// </summary>
    public void Update(PodInfo pod, bool specChanged)
    {
        lock (_lock)
        {
            var key = pod.Uid;
            if (_active.Get(key) is { } active)
            {
                active.Pod = pod;
                _active.AddOrUpdate(active);
                return;
            }

            if (_backoff.Get(key) is { } backingOff)
            {
                backingOff.Pod = pod;
                _backoff.AddOrUpdate(backingOff);
                return;
            }

            if (_unschedulable.TryGetValue(key, out var unschedulable))
            {
                unschedulable.Pod = pod;
                if (specChanged)
                {
                    _unschedulable.Remove(key);
                    MoveLocked(unschedulable);
                }

                return;
            }

            _active.AddOrUpdate(new QueuedPodInfo(pod, _time.GetUtcNow()));
            Signal();
        }
    }

    public void Delete(V1Pod pod)
    {
        var key = pod.Metadata?.Uid ?? string.Empty;
        lock (_lock)
        {
            _active.Remove(key);
            _backoff.Remove(key);
            _unschedulable.Remove(key);
        }

        Nominator.DeleteNominatedPodIfExists(pod);
    }

    /// <summary>Waits for the next pod to schedule; null once the queue is closed.</summary>
    public async Task<QueuedPodInfo?> PopAsync(CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_active.Count > 0)
                {
                    var info = _active.Pop();
                    info.Attempts++;
                    _schedulingCycle++;
                    return info;
                }

                if (_closed)
                {
                    return null;
                }

                _waiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiting.Task;
            }

            await wait.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Puts back a pod whose cycle (<paramref name="podSchedulingCycle"/>) failed. Pods that erred rather than did not
    /// fit, and pods that missed a move request while in their cycle, go to backoffQ; the others wait for an event.
    /// </summary>
    public void AddUnschedulableIfNotPresent(QueuedPodInfo info, long podSchedulingCycle, bool erred = false)
    {
        lock (_lock)
        {
            var key = KeyOf(info);
            if (_active.Contains(key) || _backoff.Contains(key) || _unschedulable.ContainsKey(key))
            {
                return;
            }

            info.Timestamp = _time.GetUtcNow();
            if (erred || _moveRequestCycle >= podSchedulingCycle)
            {
                _backoff.AddOrUpdate(info);
            }
            else
            {
                _unschedulable[key] = info;
            }
        }
    }

    /// <summary>Moves pods whose backoff has ended to activeQ (run every second).</summary>
    public void FlushBackoffCompleted()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var moved = false;
            while (_backoff.Peek() is { } head && BackoffExpiry(head) <= now)
            {
                _active.AddOrUpdate(_backoff.Pop());
                moved = true;
            }

            if (moved)
            {
                Signal();
            }
        }
    }

    /// <summary>Retries pods that waited in the unschedulable map longer than the limit (5 min) without an event.</summary>
    public void FlushUnschedulableLeftover()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var stale = _unschedulable.Values.Where(p => now - p.Timestamp > _maxInUnschedulable).ToList();
            foreach (var info in stale)
            {
                _unschedulable.Remove(KeyOf(info));
                MoveLocked(info);
            }
        }
    }

    /// <summary>A cluster event: pods rejected by a plugin the event concerns move to activeQ or backoffQ.</summary>
    public void MoveAllToActiveOrBackoff(ClusterEvent clusterEvent)
    {
        lock (_lock)
        {
            // Every bind and pod update lands here; with no pod waiting there is nothing to look through.
            if (_unschedulable.Count > 0)
            {
                List<QueuedPodInfo>? moving = null;
                foreach (var info in _unschedulable.Values)
                {
                    if (clusterEvent.Concerns(info.UnschedulablePlugins))
                    {
                        (moving ??= []).Add(info);
                    }
                }

                foreach (var info in moving ?? [])
                {
                    _unschedulable.Remove(KeyOf(info));
                    MoveLocked(info);
                }
            }

            _moveRequestCycle = _schedulingCycle;
        }
    }

    /// <summary>Upstream's backoff: initial × 2^(attempts−1), capped at the maximum.</summary>
    public TimeSpan BackoffDuration(int attempts)
    {
        var duration = _initialBackoff;
        for (var i = 1; i < attempts; i++)
        {
            if (duration > _maxBackoff - duration)
            {
                return _maxBackoff;
            }

            duration += duration;
        }

        return duration > _maxBackoff ? _maxBackoff : duration;
    }

    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            Signal();
        }
    }

    public void Dispose() => Close();

    private DateTimeOffset BackoffExpiry(QueuedPodInfo info) => info.Timestamp + BackoffDuration(info.Attempts);

    private void MoveLocked(QueuedPodInfo info)
    {
        if (BackoffExpiry(info) > _time.GetUtcNow())
        {
            _backoff.AddOrUpdate(info);
        }
        else
        {
            _active.AddOrUpdate(info);
            Signal();
        }
    }

    private void Signal()
    {
        _waiting?.TrySetResult();
        _waiting = null;
    }

    private static string KeyOf(QueuedPodInfo info) => info.Pod.Uid;
}
