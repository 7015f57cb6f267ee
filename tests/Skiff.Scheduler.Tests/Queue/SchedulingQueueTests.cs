using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.PrioritySort;
using Skiff.Scheduler.Queue;
using Skiff.Scheduler.Tests.Fakes;

namespace Skiff.Scheduler.Tests.Queue;

public sealed class SchedulingQueueTests
{
    private readonly ManualTime _time = new();
    private readonly SchedulingQueue _queue;

    public SchedulingQueueTests()
    {
        var sort = new PrioritySort();
        _queue = new SchedulingQueue(sort.Less, _time);
    }

    [Fact]
    public async Task Pop_ReturnsHigherPriorityFirst_ThenEarlierQueued()
    {
        _queue.Add(new PodInfo(Objects.Pod("low", priority: 1)));
        _time.Advance(TimeSpan.FromSeconds(1));
        _queue.Add(new PodInfo(Objects.Pod("high", priority: 10)));
        _time.Advance(TimeSpan.FromSeconds(1));
        _queue.Add(new PodInfo(Objects.Pod("low-later", priority: 1)));

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            order.Add((await _queue.PopAsync(CancellationToken.None))!.Pod.Pod.Metadata.Name);
        }

        Assert.Equal(["high", "low", "low-later"], order);
    }

    [Fact]
    public async Task PopAsync_WaitsUntilAPodArrives()
    {
        var pop = _queue.PopAsync(CancellationToken.None);
        Assert.False(pop.IsCompleted);

        _queue.Add(new PodInfo(Objects.Pod("a")));

        var popped = await pop.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("a", popped!.Pod.Pod.Metadata.Name);
        Assert.Equal(1, popped.Attempts);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(9, 10)]
    public void BackoffDuration_DoublesFromOneSecondUpToTenSeconds(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), _queue.BackoffDuration(attempts));
    }

    [Fact]
    public async Task UnschedulablePod_WaitsForConcerningEvent_ThenBacksOff_ThenIsActive()
    {
        var popped = await PopFailedAsync("p", "NodeResourcesFit");
        Assert.Equal(new PendingPods(0, 0, 1), _queue.Pending);

        _queue.MoveAllToActiveOrBackoff(ClusterEvent.NodeAdd);
        Assert.Equal(new PendingPods(0, 1, 0), _queue.Pending);

        _queue.FlushBackoffCompleted();
        Assert.Equal(new PendingPods(0, 1, 0), _queue.Pending);

        _time.Advance(TimeSpan.FromSeconds(1));
        _queue.FlushBackoffCompleted();
        Assert.Equal(new PendingPods(1, 0, 0), _queue.Pending);
        Assert.Equal(popped.Pod.Uid, (await _queue.PopAsync(CancellationToken.None))!.Pod.Uid);
    }

    [Fact]
    public async Task Event_ThatConcernsNoRejectingPlugin_LeavesPodWaiting()
    {
        await PopFailedAsync("p", "NodeAffinity");

        _queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodDelete);

        Assert.Equal(new PendingPods(0, 0, 1), _queue.Pending);
    }

    [Fact]
    public async Task MoveRequestDuringCycle_SendsFailedPodToBackoffInsteadOfWaiting()
    {
        _queue.Add(new PodInfo(Objects.Pod("p")));
        var info = (await _queue.PopAsync(CancellationToken.None))!;
        var cycle = _queue.SchedulingCycle;

        // A node arrived while the pod was being scheduled against the old snapshot.
        _queue.MoveAllToActiveOrBackoff(ClusterEvent.NodeAdd);
        _queue.AddUnschedulableIfNotPresent(info, cycle);

        Assert.Equal(new PendingPods(0, 1, 0), _queue.Pending);
    }

    [Fact]
    public async Task UnschedulablePods_AreRetriedAfterFiveMinutesWithoutEvents()
    {
        await PopFailedAsync("p", "NodeAffinity");

        _time.Advance(TimeSpan.FromMinutes(4));
        _queue.FlushUnschedulableLeftover();
        Assert.Equal(new PendingPods(0, 0, 1), _queue.Pending);

        _time.Advance(TimeSpan.FromMinutes(2));
        _queue.FlushUnschedulableLeftover();
        Assert.Equal(new PendingPods(1, 0, 0), _queue.Pending);
    }

    [Fact]
    public async Task Delete_RemovesPodFromEveryPartAndItsNomination()
    {
        var info = await PopFailedAsync("p", "NodeResourcesFit");
        _queue.Nominator.AddNominatedPod(info.Pod, "node-a");

        _queue.Delete(info.Pod.Pod);

        Assert.Equal(new PendingPods(0, 0, 0), _queue.Pending);
        Assert.Empty(_queue.Nominator.NominatedPodsForNode("node-a"));
    }

    [Fact]
    public async Task Update_OfUnschedulablePodWithoutSpecChange_KeepsItWaiting()
    {
        var info = await PopFailedAsync("p", "NodeResourcesFit");

        _queue.Update(info.Pod, specChanged: false);
        Assert.Equal(new PendingPods(0, 0, 1), _queue.Pending);

        _time.Advance(TimeSpan.FromSeconds(2));
        _queue.Update(info.Pod, specChanged: true);
        Assert.Equal(new PendingPods(1, 0, 0), _queue.Pending);
    }

    private async Task<QueuedPodInfo> PopFailedAsync(string name, string plugin)
    {
        _queue.Add(new PodInfo(Objects.Pod(name)));
        var info = (await _queue.PopAsync(CancellationToken.None))!;
        info.UnschedulablePlugins.Add(plugin);
        _queue.AddUnschedulableIfNotPresent(info, _queue.SchedulingCycle);
        return info;
    }
}
