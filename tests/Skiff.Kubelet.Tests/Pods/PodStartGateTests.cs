using Skiff.Kubelet.Pods;
using Xunit;

namespace Skiff.Kubelet.Tests.Pods;

public sealed class PodStartGateTests
{
    private static readonly DateTime Noon = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Enter_BeyondTheSlots_WaitsUntilASlotIsReleased()
    {
        var gate = new PodStartGate(2);
        var first = await gate.EnterAsync("a", Noon, CancellationToken.None);
        using var second = await gate.EnterAsync("b", Noon, CancellationToken.None);

        var third = gate.EnterAsync("c", Noon, CancellationToken.None);
        await Task.Delay(20);
        Assert.False(third.IsCompleted);

        first.Dispose();
        using var granted = await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Release_ServesTheOldestPodFirstThenTheEarliestArrival()
    {
        var gate = new PodStartGate(1);
        var held = await gate.EnterAsync("holder", Noon, CancellationToken.None);
        var order = new List<string>();
        var waiters = new[]
        {
            Waiter(gate, "young-first", Noon.AddSeconds(5), order),
            Waiter(gate, "same-second-early", Noon.AddSeconds(1), order),
            Waiter(gate, "old", Noon, order),
            Waiter(gate, "same-second-late", Noon.AddSeconds(1), order),
        };

        held.Dispose();
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["old", "same-second-early", "same-second-late", "young-first"], order);
    }

    [Fact]
    public async Task Enter_Cancelled_GivesUpWithoutTakingTheSlot()
    {
        var gate = new PodStartGate(1);
        var held = await gate.EnterAsync("a", Noon, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var cancelled = gate.EnterAsync("b", Noon, cts.Token);
        var next = gate.EnterAsync("c", Noon.AddSeconds(1), CancellationToken.None);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Dispose();

        using var granted = await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(next.IsCompletedSuccessfully);
    }

    /// <summary>Queues in the order of the calls; records its name when granted, then releases at once.</summary>
    private static Task Waiter(PodStartGate gate, string uid, DateTime created, List<string> order)
    {
        var entered = gate.EnterAsync(uid, created, CancellationToken.None);
        return entered.ContinueWith(t =>
        {
            lock (order)
            {
                order.Add(uid);
            }

            t.Result.Dispose();
        }, TaskScheduler.Default);
    }
}
