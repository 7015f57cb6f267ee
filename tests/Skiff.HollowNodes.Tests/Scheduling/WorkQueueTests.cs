using Skiff.HollowNodes.Scheduling;

namespace Skiff.HollowNodes.Tests.Scheduling;

public sealed class WorkQueueTests
{
    [Fact]
    public async Task AKeyAddedManyTimesWhileWaiting_IsWorkedOnce()
    {
        var queue = new WorkQueue<string>();
        var worked = 0;
        for (var i = 0; i < 100; i++)
        {
            queue.Add("pod");
        }

        Assert.Equal(1, queue.Length);
        using var stop = new CancellationTokenSource();
        var run = queue.RunAsync(4, (_, _) =>
        {
            Interlocked.Increment(ref worked);
            return Task.CompletedTask;
        }, stop.Token);

        await Eventually.TrueAsync(() => Volatile.Read(ref worked) == 1, "one pass");
        await Task.Delay(20);
        Assert.Equal(1, Volatile.Read(ref worked));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task AKeyAddedWhileBeingWorked_IsWorkedAgainAfterwards_NeverConcurrently()
    {
        var queue = new WorkQueue<string>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var concurrent = 0;
        var maxConcurrent = 0;
        var passes = 0;
        using var stop = new CancellationTokenSource();
        var run = queue.RunAsync(4, async (_, _) =>
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref maxConcurrent, now);
            if (Interlocked.Increment(ref passes) == 1)
            {
                await gate.Task;
            }

            Interlocked.Decrement(ref concurrent);
        }, stop.Token);

        queue.Add("pod");
        await Eventually.TrueAsync(() => Volatile.Read(ref passes) == 1, "the first pass to start");
        queue.Add("pod");
        queue.Add("pod");
        await Task.Delay(20);
        Assert.Equal(1, Volatile.Read(ref passes));

        gate.SetResult();
        await Eventually.TrueAsync(() => Volatile.Read(ref passes) == 2, "the second pass");
        await Task.Delay(20);
        Assert.Equal(2, Volatile.Read(ref passes));
        Assert.Equal(1, Volatile.Read(ref maxConcurrent));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task DifferentKeys_AreWorkedInParallelUpToThePoolSize()
    {
        var queue = new WorkQueue<int>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        using var stop = new CancellationTokenSource();
        var run = queue.RunAsync(3, async (_, _) =>
        {
            Interlocked.Increment(ref started);
            await gate.Task;
        }, stop.Token);

        for (var i = 0; i < 10; i++)
        {
            queue.Add(i);
        }

        await Eventually.TrueAsync(() => Volatile.Read(ref started) == 3, "three workers busy");
        await Task.Delay(20);
        Assert.Equal(3, Volatile.Read(ref started));
        gate.SetResult();
        await Eventually.TrueAsync(() => Volatile.Read(ref started) == 10, "all keys");
        await stop.CancelAsync();
        await run;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
