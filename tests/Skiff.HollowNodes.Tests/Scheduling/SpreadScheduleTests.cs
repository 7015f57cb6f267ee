using Microsoft.Extensions.Time.Testing;
using Skiff.HollowNodes.Scheduling;

namespace Skiff.HollowNodes.Tests.Scheduling;

public sealed class SpreadScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public void DueAt_SpreadsItemsEvenlyOverTheInterval()
    {
        var schedule = new SpreadSchedule(4, Interval, 1, TimeProvider.System, (_, _) => Task.CompletedTask);
        var start = DateTimeOffset.UnixEpoch;

        Assert.Equal(
            [10.0, 12.5, 15.0, 17.5, 20.0],
            [.. Enumerable.Range(0, 4).Select(i => (schedule.DueAt(start, 0, i) - start).TotalSeconds), (schedule.DueAt(start, 1, 0) - start).TotalSeconds]);
    }

    [Fact]
    public async Task Run_RenewsEachItemOncePerInterval_AtItsOwnOffset()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var calls = new List<(int Index, double At)>();
        var schedule = new SpreadSchedule(4, Interval, 2, time, (i, _) =>
        {
            lock (calls)
            {
                calls.Add((i, (time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds));
            }

            return Task.CompletedTask;
        });
        using var stop = new CancellationTokenSource();
        var run = schedule.RunAsync(stop.Token);

        // Step the clock in quarter intervals; each step makes exactly one item due.
        for (var step = 1; step <= 8; step++)
        {
            time.Advance(Interval / 4);
            var expected = step >= 4 ? step - 3 : 0;
            await Eventually.TrueAsync(() => Count(calls) == expected, $"{expected} calls after step {step}");
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal([(0, 10.0), (1, 12.5), (2, 15.0), (3, 17.5), (0, 20.0)], calls);
    }

    [Fact]
    public async Task Run_BoundsActionsInFlight()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var started = 0;
        var schedule = new SpreadSchedule(10, Interval, 3, time, async (_, _) =>
        {
            Interlocked.Increment(ref inFlight);
            Interlocked.Increment(ref started);
            await release.Task;
            Interlocked.Decrement(ref inFlight);
        });
        using var stop = new CancellationTokenSource();
        var run = schedule.RunAsync(stop.Token);

        // Everything is due at once; only three may start.
        time.Advance(Interval * 1.95);
        await Eventually.TrueAsync(() => Volatile.Read(ref started) == 3, "three actions started");
        await Task.Delay(50);
        Assert.Equal(3, Volatile.Read(ref inFlight));

        release.SetResult();
        await Eventually.TrueAsync(() => Volatile.Read(ref started) == 10, "the rest once slots free up");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Run_FailingAction_DoesNotStopTheSchedule()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var calls = 0;
        var schedule = new SpreadSchedule(1, Interval, 1, time, (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("server down");
        });
        using var stop = new CancellationTokenSource();
        var run = schedule.RunAsync(stop.Token);

        for (var round = 1; round <= 3; round++)
        {
            time.Advance(Interval);
            await Eventually.TrueAsync(() => Volatile.Read(ref calls) == round, $"call {round}");
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task Run_AfterAStall_SkipsMissedRoundsInsteadOfBursting()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var calls = new List<(int Index, double At)>();
        var stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var schedule = new SpreadSchedule(2, Interval, 1, time, async (i, _) =>
        {
            lock (calls)
            {
                calls.Add((i, (time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds));
            }

            if (Count(calls) == 1)
            {
                await stall.Task;
            }
        });
        using var stop = new CancellationTokenSource();
        var run = schedule.RunAsync(stop.Token);

        time.Advance(Interval);
        await Eventually.TrueAsync(() => Count(calls) == 1, "the first call, which hangs");

        // Five intervals pass while the only slot is taken.
        time.Advance(Interval * 5);
        stall.SetResult();
        await Eventually.TrueAsync(() => Count(calls) >= 3, "the late item and the next one due");
        await Task.Delay(50);

        // Item 1 runs late once, item 0 keeps its phase; the four missed rounds are not replayed.
        Assert.Equal([(0, 10.0), (1, 60.0), (0, 60.0)], Snapshot(calls));
        time.Advance(Interval / 2);
        await Eventually.TrueAsync(() => Count(calls) == 4, "item 1 back at its own offset");
        Assert.Equal((1, 65.0), Snapshot(calls)[3]);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private static List<(int Index, double At)> Snapshot(List<(int Index, double At)> calls)
    {
        lock (calls)
        {
            return [.. calls];
        }
    }

    private static int Count(List<(int, double)> calls)
    {
        lock (calls)
        {
            return calls.Count;
        }
    }
}
