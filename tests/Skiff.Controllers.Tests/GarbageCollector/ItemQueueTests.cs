using Skiff.Controllers.GarbageCollector;

namespace Skiff.Controllers.Tests.GarbageCollector;

public sealed class ItemQueueTests
{
    [Fact]
    public async Task Add_SameItemTwice_IsHandedOutOnce()
    {
        using var queue = new ItemQueue(TimeProvider.System);
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", (await queue.TakeAsync(default)).Key);
        Assert.Equal("b", (await queue.TakeAsync(default)).Key);
    }

    [Fact]
    public async Task Add_WhileProcessing_IsHandedOutAgainOnlyAfterDone()
    {
        using var queue = new ItemQueue(TimeProvider.System);
        queue.Add("a");
        var (_, key) = await queue.TakeAsync(default);

        queue.Add(key);
        Assert.Equal(0, queue.Count);

        queue.Done(key);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task ShutDown_EndsTakers()
    {
        using var queue = new ItemQueue(TimeProvider.System);
        var take = queue.TakeAsync(default).AsTask();

        queue.ShutDown();

        Assert.False((await take.WaitAsync(TimeSpan.FromSeconds(5))).Ok);
    }

    [Fact]
    public void AddRateLimited_CountsRetriesUntilForget()
    {
        using var queue = new ItemQueue(TimeProvider.System);
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        Assert.Equal(2, queue.Retries("a"));

        queue.Forget("a");
        Assert.Equal(0, queue.Retries("a"));
    }
}
