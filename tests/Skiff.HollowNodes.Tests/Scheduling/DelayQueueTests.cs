using Microsoft.Extensions.Time.Testing;
using Skiff.HollowNodes.Scheduling;

namespace Skiff.HollowNodes.Tests.Scheduling;

public sealed class DelayQueueTests
{
    [Fact]
    public async Task Items_AreReadyWhenDue_InDueOrder()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var ready = new List<string>();
        var queue = new DelayQueue<string>(time, item =>
        {
            lock (ready)
            {
                ready.Add(item);
            }
        });
        using var stop = new CancellationTokenSource();
        var run = queue.RunAsync(stop.Token);
        var start = time.GetUtcNow();
        queue.Add("late", start.AddSeconds(5));
        queue.Add("early", start.AddSeconds(1));

        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(20);
        Assert.Empty(Snapshot(ready));

        time.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(() => Snapshot(ready).Count == 1, "the early item");
        time.Advance(TimeSpan.FromSeconds(4));
        await Eventually.TrueAsync(() => Snapshot(ready).Count == 2, "the late item");

        Assert.Equal(["early", "late"], Snapshot(ready));
        Assert.Equal(0, queue.Count);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task AnItemDueEarlierThanTheWait_WakesTheQueue()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var ready = new List<string>();
        var queue = new DelayQueue<string>(time, item =>
        {
            lock (ready)
            {
                ready.Add(item);
            }
        });
        using var stop = new CancellationTokenSource();
        var run = queue.RunAsync(stop.Token);
        queue.Add("hour", time.GetUtcNow().AddHours(1));
        await Task.Delay(20);

        queue.Add("now", time.GetUtcNow());

        await Eventually.TrueAsync(() => Snapshot(ready).Count == 1, "the item already due");
        Assert.Equal(["now"], Snapshot(ready));
        await stop.CancelAsync();
        await run;
    }

    private static List<string> Snapshot(List<string> items)
    {
        lock (items)
        {
            return [.. items];
        }
    }
}
