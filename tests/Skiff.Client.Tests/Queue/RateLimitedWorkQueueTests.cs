using Microsoft.Extensions.Time.Testing;
using Skiff.Client.Queue;

namespace Skiff.Client.Tests.Queue;

public sealed class RateLimitedWorkQueueTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Add_SameKeyTwice_IsHandedOutOnce()
    {
        using var queue = new RateLimitedWorkQueue<string>(_time);
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", (await queue.TakeAsync(default)).Key);
        Assert.Equal("b", (await queue.TakeAsync(default)).Key);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Add_WhileProcessing_WaitsForDoneSoNoTwoWorkersHoldTheKey()
    {
        using var queue = new RateLimitedWorkQueue<string>(_time);
        queue.Add("a");
        var (_, key) = await queue.TakeAsync(default);

        queue.Add("a");
        var second = queue.TakeAsync(default).AsTask();

        Assert.Equal(0, queue.Count);
        Assert.False(second.IsCompleted);
        queue.Done(key);
        Assert.Equal("a", (await second.WaitAsync(TimeSpan.FromSeconds(5))).Key);
    }

    [Fact]
    public async Task Done_WithoutReAdd_DoesNotHandTheKeyOutAgain()
    {
        using var queue = new RateLimitedWorkQueue<string>(_time);
        queue.Add("a");
        var (_, key) = await queue.TakeAsync(default);

        queue.Done(key);

        Assert.Equal(0, queue.Count);
    }

    [Theory]
    [InlineData(100, 99, false)]
    [InlineData(100, 100, true)]
    [InlineData(100, 250, true)]
    public void AddAfter_HandsOutOnlyOnceTheDelayPassed(int delayMs, int advanceMs, bool ready)
    {
        using var queue = new RateLimitedWorkQueue<string>(_time);

        queue.AddAfter("a", TimeSpan.FromMilliseconds(delayMs));
        _time.Advance(TimeSpan.FromMilliseconds(advanceMs));

        Assert.Equal(ready ? 1 : 0, queue.Count);
        Assert.Equal(ready ? 0 : 1, queue.DelayedCount);
    }

    [Fact]
    public void AddAfter_SameKeyAgain_KeepsTheEarlierTime()
    {
        using var queue = new RateLimitedWorkQueue<string>(_time);

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public void AddAfter_ManyKeys_EachComesDueInOrder()
    {
        using var queue = new RateLimitedWorkQueue<int>(_time);
        for (var i = 1; i <= 5; i++)
        {
            queue.AddAfter(i, TimeSpan.FromSeconds(6 - i));
        }

        for (var second = 1; second <= 5; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(second, queue.Count);
        }
    }

    [Fact]
    public void AddRateLimited_BacksOffLongerOnEachFailure()
    {
        using var queue = new RateLimitedWorkQueue<string>(_time);

        queue.AddRateLimited("a");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, queue.Count);

        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        _time.Advance(TimeSpan.FromMilliseconds(19));
        Assert.Equal(1, queue.Count);
        Assert.Equal(3, queue.Retries("a"));
    }

    [Fact]
    public async Task ShutDown_HandsOutQueuedKeysThenReportsDone()
    {
        using var queue = new RateLimitedWorkQueue<string>(_time);
        queue.Add("a");
        queue.Add("b");

        queue.ShutDown();
        queue.Add("c");

        Assert.Equal((true, "a"), await queue.TakeAsync(default));
        Assert.Equal((true, "b"), await queue.TakeAsync(default));
        Assert.False((await queue.TakeAsync(default)).Ok);
    }

    [Fact]
    public async Task ShutDown_WakesWaitingWorkers()
    {
        using var queue = new RateLimitedWorkQueue<string>(_time);
        var waiting = queue.TakeAsync(default).AsTask();

        queue.ShutDown();

        Assert.False((await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Ok);
    }

    [Fact]
    public async Task TakeAsync_CancelledWaiter_DoesNotSwallowTheNextKey()
    {
        using var queue = new RateLimitedWorkQueue<string>(_time);
        using var cts = new CancellationTokenSource();
        var cancelled = queue.TakeAsync(cts.Token).AsTask();
        var other = queue.TakeAsync(default).AsTask();

        await cts.CancelAsync();
        queue.Add("a");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal("a", (await other.WaitAsync(TimeSpan.FromSeconds(5))).Key);
    }
}
