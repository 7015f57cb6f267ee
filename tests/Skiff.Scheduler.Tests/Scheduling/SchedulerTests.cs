using k8s.Models;
using Skiff.Client.Informers;
using Skiff.Scheduler.Config;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Metrics;
using Skiff.Scheduler.Queue;
using Skiff.Scheduler.Scheduling;
using Skiff.Scheduler.Tests.Fakes;

namespace Skiff.Scheduler.Tests.Scheduling;

public sealed class SchedulerTests : IDisposable
{
    private readonly ManualTime _time = new();
    private readonly FakeBinder _binder = new();
    private readonly FakeRecorder _recorder = new();
    private readonly SchedulerMetrics _metrics = new();
    private readonly Skiff.Scheduler.Scheduling.Scheduler _scheduler;

    public SchedulerTests()
    {
        var (registry, config) = TestProfiles.With((new FakeCpuFit(), 0), (_binder, 0));
        _scheduler = new Skiff.Scheduler.Scheduling.Scheduler(new SchedulerDependencies
        {
            Settings = new SchedulerSettings { Profiles = [config] },
            Registry = registry,
            Recorder = _recorder,
            Time = _time,
            Metrics = _metrics,
            Random = new Random(1),
        });
    }

    public void Dispose() => _scheduler.Dispose();

    [Fact]
    public async Task PendingPod_IsBoundAndCountedOnItsNodeBeforeTheInformerConfirms()
    {
        _scheduler.OnNodeEvent(new InformerEvent<V1Node>(InformerEventType.Added, Objects.Node("a", cpu: "1"), null));
        _scheduler.OnPodEvent(new InformerEvent<V1Pod>(InformerEventType.Added, Objects.Pod("first", cpu: "600m"), null));
        _scheduler.OnPodEvent(new InformerEvent<V1Pod>(InformerEventType.Added, Objects.Pod("second", cpu: "600m"), null));

        await ScheduleNextAsync();
        await ScheduleNextAsync();

        Assert.Equal("a", _binder.Bound["first"]);
        Assert.False(_binder.Bound.ContainsKey("second"));
        Assert.Contains(_recorder.Events, e => e == ("first", "Normal", "Scheduled", "Successfully assigned default/first to a"));
        Assert.Contains(_recorder.Events, e => e == ("second", "Warning", "FailedScheduling", "0/1 nodes are available: 1 Insufficient cpu."));
        Assert.Equal(new PendingPods(0, 0, 1), _scheduler.Queue.Pending);
        Assert.Equal(1, _metrics.Attempts(SchedulerMetrics.Scheduled, "default-scheduler"));
        Assert.Equal(1, _metrics.Attempts(SchedulerMetrics.Unschedulable, "default-scheduler"));
    }

    [Fact]
    public async Task UnschedulablePod_IsRetriedWhenAFittingNodeAppears()
    {
        _scheduler.OnPodEvent(new InformerEvent<V1Pod>(InformerEventType.Added, Objects.Pod("p", cpu: "2"), null));
        await ScheduleNextAsync();
        Assert.Contains(_recorder.Events, e => e.Message == "no nodes available to schedule pods");

        _scheduler.OnNodeEvent(new InformerEvent<V1Node>(InformerEventType.Added, Objects.Node("big", cpu: "4"), null));
        _time.Advance(TimeSpan.FromSeconds(1));
        _scheduler.Queue.FlushBackoffCompleted();
        await ScheduleNextAsync();

        Assert.Equal("big", _binder.Bound["p"]);
    }

    [Fact]
    public async Task DeletedBoundPod_FreesRoomForAWaitingPod()
    {
        var running = Objects.Pod("running", cpu: "1", nodeName: "a");
        _scheduler.OnNodeEvent(new InformerEvent<V1Node>(InformerEventType.Added, Objects.Node("a", cpu: "1"), null));
        _scheduler.OnPodEvent(new InformerEvent<V1Pod>(InformerEventType.Added, running, null));
        _scheduler.OnPodEvent(new InformerEvent<V1Pod>(InformerEventType.Added, Objects.Pod("waiting", cpu: "1"), null));
        await ScheduleNextAsync();
        Assert.Equal(new PendingPods(0, 0, 1), _scheduler.Queue.Pending);

        _scheduler.OnPodEvent(new InformerEvent<V1Pod>(InformerEventType.Deleted, running, null));
        _time.Advance(TimeSpan.FromSeconds(1));
        _scheduler.Queue.FlushBackoffCompleted();
        await ScheduleNextAsync();

        Assert.Equal("a", _binder.Bound["waiting"]);
    }

    [Fact]
    public async Task FailedBinding_ForgetsTheAssumedPodAndBacksOff()
    {
        _binder.Result = Status.Error("conflict");
        _scheduler.OnNodeEvent(new InformerEvent<V1Node>(InformerEventType.Added, Objects.Node("a"), null));
        var pod = Objects.Pod("p", cpu: "1");
        _scheduler.OnPodEvent(new InformerEvent<V1Pod>(InformerEventType.Added, pod, null));

        await ScheduleNextAsync();

        Assert.False(_scheduler.Cache.IsAssumed(pod));
        Assert.Equal(new PendingPods(0, 1, 0), _scheduler.Queue.Pending);
        Assert.Equal(1, _metrics.Attempts(SchedulerMetrics.Error, "default-scheduler"));
    }

    [Fact]
    public async Task PodsOfOtherSchedulers_AreIgnored()
    {
        var pod = Objects.Pod("p");
        pod.Spec.SchedulerName = "someone-else";

        _scheduler.OnPodEvent(new InformerEvent<V1Pod>(InformerEventType.Added, pod, null));

        Assert.Equal(new PendingPods(0, 0, 0), _scheduler.Queue.Pending);
        await Task.CompletedTask;
    }

    [Fact]
    public void PendingPod_WithoutSpecPriority_GetsItsPriorityClassValue()
    {
        var classes = new Skiff.Client.Cache.ObjectCache<V1PriorityClass>();
        classes.Upsert(new V1PriorityClass { Metadata = new V1ObjectMeta { Name = "high" }, Value = 1000 });
        classes.Upsert(new V1PriorityClass { Metadata = new V1ObjectMeta { Name = "default" }, Value = 7, GlobalDefault = true });
        var resolver = new PriorityResolver(classes);
        var named = Objects.Pod("a");
        named.Spec.PriorityClassName = "high";

        Assert.Equal(1000, resolver.Resolve(named));
        Assert.Equal(7, resolver.Resolve(Objects.Pod("b")));
        Assert.Equal(3, resolver.Resolve(Objects.Pod("c", priority: 3)));
    }

    [Fact]
    public async Task EachPodGoesThroughTheProfileNamedByItsSchedulerName()
    {
        var binder = new FakeBinder();
        var (registry, packer) = TestProfiles.With((new FakeScore("PreferA", n => n.Name == "a" ? 100 : 0), 1), (binder, 0));
        packer.SchedulerName = "packer";
        var (_, spreader) = TestProfiles.With();
        using var scheduler = new Skiff.Scheduler.Scheduling.Scheduler(new SchedulerDependencies
        {
            Settings = new SchedulerSettings { Profiles = [packer, spreader] },
            Registry = registry,
            Time = _time,
        });
        scheduler.OnNodeEvent(new InformerEvent<V1Node>(InformerEventType.Added, Objects.Node("a"), null));
        scheduler.OnNodeEvent(new InformerEvent<V1Node>(InformerEventType.Added, Objects.Node("b"), null));
        var packed = Objects.Pod("packed");
        packed.Spec.SchedulerName = "packer";
        scheduler.OnPodEvent(new InformerEvent<V1Pod>(InformerEventType.Added, packed, null));

        var popped = await scheduler.Queue.PopAsync(CancellationToken.None);
        await scheduler.ScheduleOneAsync(popped!, CancellationToken.None);
        await scheduler.WaitForBindingsAsync();

        Assert.Equal(["default-scheduler", "packer"], scheduler.Profiles.Keys.Order());
        Assert.Equal(["PreferA"], scheduler.Profiles["packer"].Scores.Select(s => s.Plugin.Name));
        Assert.Empty(scheduler.Profiles["default-scheduler"].Scores);
        Assert.Equal("a", binder.Bound["packed"]);
    }

    private async Task ScheduleNextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var next = await _scheduler.Queue.PopAsync(timeout.Token);
        await _scheduler.ScheduleOneAsync(next!, timeout.Token);
        await _scheduler.WaitForBindingsAsync();
    }
}
