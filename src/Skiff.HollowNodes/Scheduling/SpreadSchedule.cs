namespace Skiff.HollowNodes.Scheduling;

/// <summary>
/// Runs an action for each of <c>count</c> items once per interval, item i at offset i·interval/count, with a
/// bound on actions in flight. Spreading matters at scale: 5,000 leases renewed every 10 s are 500 writes a
/// second, and a burst of 5,000 at once would stall the API server and then every lease at the same moment.
/// Due times are anchored to the start, so falling behind is caught up instead of drifting.
/// </summary>
internal sealed class SpreadSchedule
{
    private readonly int _count;
    private readonly TimeSpan _interval;
    private readonly int _maxInFlight;
    private readonly TimeProvider _time;
    private readonly Func<int, CancellationToken, Task> _action;

    public SpreadSchedule(int count, TimeSpan interval, int maxInFlight, TimeProvider time, Func<int, CancellationToken, Task> action)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInFlight);
        _count = count;
        _interval = interval;
        _maxInFlight = maxInFlight;
        _time = time;
        _action = action;
    }

    /// <summary>When item <paramref name="index"/> is due in round <paramref name="round"/> (round 0 starts after one interval).</summary>
    public DateTimeOffset DueAt(DateTimeOffset start, long round, int index) =>
        start + (_interval * (round + 1)) + (_interval * index / _count);

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var start = _time.GetUtcNow();
        using var slots = new SemaphoreSlim(_maxInFlight, _maxInFlight);
        var running = new HashSet<Task>();
        try
        {
            for (long round = 0; ; round++)
            {
                for (var i = 0; i < _count; i++)
                {
                    var wait = DueAt(start, round, i) - _time.GetUtcNow();

                    // More than a whole interval behind (a stalled server): skip the missed rounds rather than
                    // fire a backlog that would keep every later action late too.
                    if (-wait > _interval)
                    {
                        start += _interval * Math.Floor(-wait / _interval);
                        wait = DueAt(start, round, i) - _time.GetUtcNow();
                    }

                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, ct).ConfigureAwait(false);
                    }

                    await slots.WaitAsync(ct).ConfigureAwait(false);
                    var task = RunOneAsync(i, slots, ct);
                    lock (running)
                    {
                        running.Add(task);
                    }

                    _ = task.ContinueWith(
                        t =>
                        {
                            lock (running)
                            {
                                running.Remove(t);
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
            }
        }
        finally
        {
            Task[] left;
            lock (running)
            {
                left = [.. running];
            }

            // Let actions in flight see the cancellation before the semaphore goes away.
            await Task.WhenAll(left).ConfigureAwait(false);
        }
    }

    private async Task RunOneAsync(int index, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            await _action(index, ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Actions report their own failures; one failed renewal must not end every node's heartbeat.
        }
        finally
        {
            slots.Release();
        }
    }
}
