using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Events;
using Skiff.Scheduler.Cache;
using Skiff.Scheduler.Config;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Metrics;
using Skiff.Scheduler.Queue;

namespace Skiff.Scheduler.Scheduling;

/// <summary>
/// The scheduling loop: one pod at a time through the profile named by its schedulerName, then binding off the loop
/// (bounded concurrency) with the pod assumed in the cache meanwhile, so the next cycle already counts it.
/// Informer events feed the cache and the queue through <see cref="OnPodEvent"/> and <see cref="OnNodeEvent"/>.
/// </summary>
public sealed partial class Scheduler : IDisposable
{
    public const int DefaultMaxConcurrentBindings = 64;
    public static readonly TimeSpan AssumedPodTtl = TimeSpan.FromMinutes(15);

    private readonly IKubernetes? _client;
    private readonly IEventRecorder? _recorder;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SchedulerMetrics _metrics;
    private readonly ScheduleAlgorithm _algorithm;
    private readonly SemaphoreSlim _bindSlots;
    private readonly Dictionary<string, Profile> _profiles = new(StringComparer.Ordinal);
    private readonly Lock _inFlightLock = new();
    private readonly HashSet<Task> _inFlight = [];

    public Scheduler(SchedulerDependencies deps)
    {
        _client = deps.Client;
        _recorder = deps.Recorder;
        _time = deps.Time;
        _logger = deps.Logger;
        _metrics = deps.Metrics;
        Priorities = deps.Priorities ?? new PriorityResolver(null);
        Cache = new SchedulerCache(_time, AssumedPodTtl, Priorities.Resolve);
        _bindSlots = new SemaphoreSlim(deps.MaxConcurrentBindings);
        var settings = deps.Settings;
        _algorithm = new ScheduleAlgorithm(new FeasibleNodeFinder { DefaultPercentageOfNodesToScore = settings.PercentageOfNodesToScore }, deps.Random ?? new Random());

        // The queue exists before the profiles so their handles can see the nominator; its order comes from the
        // first profile's QueueSort (upstream requires every profile to use the same one).
        IQueueSortPlugin? queueSort = null;
        Queue = new SchedulingQueue((a, b) => queueSort!.Less(a, b), _time, settings.PodInitialBackoff, settings.PodMaxBackoff);
        foreach (var config in settings.Profiles)
        {
            var handle = new FrameworkHandle
            {
                Snapshot = Snapshot,
                Informers = deps.Informers,
                Client = deps.Client,
                Time = _time,
                ProfileName = config.SchedulerName,
                Nominator = Queue.Nominator,
            };
            var profile = Profile.Build(config, deps.Registry, handle);
            queueSort ??= profile.QueueSort;
            _profiles[config.SchedulerName] = profile;
        }

        _metrics.Pending = () => Queue.Pending;
    }

    public SchedulerCache Cache { get; }

    public SchedulingQueue Queue { get; }

    public Snapshot Snapshot { get; } = new();

    public PriorityResolver Priorities { get; }

    public IReadOnlyDictionary<string, Profile> Profiles => _profiles;

    /// <summary>Pops and schedules pods until cancelled, with the queue's and cache's periodic chores alongside.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        SchedulerLog.Started(_logger, string.Join(", ", _profiles.Keys));
        var chores = RunChoresAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var next = await Queue.PopAsync(ct).ConfigureAwait(false);
                if (next is null)
                {
                    break;
                }

                try
                {
                    await ScheduleOneAsync(next, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One pod's surprise (a plugin throwing, a cache invariant) must not stop scheduling for all.
                    SchedulerLog.LoopFailed(_logger, e);
                    Queue.AddUnschedulableIfNotPresent(next, Queue.SchedulingCycle, erred: true);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            Queue.Close();
            await WaitForBindingsAsync().ConfigureAwait(false);
            await chores.ConfigureAwait(false);
        }
    }

    /// <summary>One scheduling cycle for a popped pod; the binding it starts runs on after this returns.</summary>
    public async Task ScheduleOneAsync(QueuedPodInfo queued, CancellationToken ct)
    {
        var podInfo = queued.Pod;
        var pod = podInfo.Pod;
        if (!_profiles.TryGetValue(SchedulerNameOf(pod), out var profile) || pod.Metadata?.DeletionTimestamp is not null || Cache.IsAssumed(pod))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var cycle = Queue.SchedulingCycle;
        Cache.UpdateSnapshot(Snapshot);
        var state = new CycleState { PodInfo = podInfo };
        ScheduleResult result;
        try
        {
            result = _algorithm.Schedule(profile, state, pod, Snapshot, ct);
        }
        catch (SchedulingException e)
        {
            _metrics.ObserveAttempt(SchedulerMetrics.Error, profile.SchedulerName, Stopwatch.GetElapsedTime(started));
            HandleFailure(profile, queued, cycle, "SchedulerError", e.Message, null, erred: true);
            return;
        }

        if (result.FitError is { } fitError)
        {
            string? nominated = null;
            if (profile.PostFilters.Count > 0 && fitError.NumAllNodes > 0)
            {
                var (node, status) = await profile.RunPostFilterAsync(state, pod, fitError.Diagnosis.NodeToStatus, ct).ConfigureAwait(false);
                nominated = node;
                if (status.Code != StatusCode.Error)
                {
                    fitError.Diagnosis.PostFilterMessage = status.IsSuccess ? null : status.Message;
                }
            }

            queued.UnschedulablePlugins.Clear();
            queued.UnschedulablePlugins.UnionWith(fitError.Diagnosis.UnschedulablePlugins);
            _metrics.ObserveAttempt(SchedulerMetrics.Unschedulable, profile.SchedulerName, Stopwatch.GetElapsedTime(started));
            HandleFailure(profile, queued, cycle, "Unschedulable", fitError.Message, nominated, erred: false);
            return;
        }

        _metrics.ObserveAlgorithm(Stopwatch.GetElapsedTime(started));
        var host = result.SuggestedHost!;
        var assumed = PodCopies.With(pod, nodeName: host);
        Cache.AssumePod(podInfo.ForCopy(assumed));
        var reserved = profile.RunReserve(state, assumed, host);
        if (!reserved.IsSuccess)
        {
            profile.RunUnreserve(state, assumed, host);
            Cache.ForgetPod(assumed);
            _metrics.ObserveAttempt(SchedulerMetrics.Error, profile.SchedulerName, Stopwatch.GetElapsedTime(started));
            HandleFailure(profile, queued, cycle, "SchedulerError", reserved.Message, null, erred: true);
            return;
        }

        Queue.Nominator.DeleteNominatedPodIfExists(pod);
        await _bindSlots.WaitAsync(ct).ConfigureAwait(false);
        Track(BindAsync(profile, state, queued, assumed, host, cycle, started, result, ct));
    }

    /// <summary>Completes when every binding started so far has finished.</summary>
    public async Task WaitForBindingsAsync()
    {
        Task[] pending;
        lock (_inFlightLock)
        {
            pending = [.. _inFlight];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    public void Dispose()
    {
        Queue.Dispose();
        _bindSlots.Dispose();
    }

    private async Task BindAsync(Profile profile, CycleState state, QueuedPodInfo queued, V1Pod assumed, string host, long cycle, long started, ScheduleResult result, CancellationToken ct)
    {
        try
        {
            await Task.Yield();
            var status = await profile.RunPreBindAsync(state, assumed, host, ct).ConfigureAwait(false);
            if (status.IsSuccess)
            {
                status = await profile.RunBindAsync(state, assumed, host, ct).ConfigureAwait(false);
            }

            if (!status.IsSuccess)
            {
                profile.RunUnreserve(state, assumed, host);
                Cache.ForgetPod(assumed);

                // The room this pod held is free again: others waiting for it may fit.
                Queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodDelete);
                _metrics.ObserveAttempt(SchedulerMetrics.Error, profile.SchedulerName, Stopwatch.GetElapsedTime(started));
                HandleFailure(profile, queued, cycle, "SchedulerError", $"running {(status.Plugin is null ? "Bind" : status.Plugin)} plugin: {status.Message}", null, erred: true);
                return;
            }

            Cache.FinishBinding(assumed);
            _metrics.ObserveAttempt(SchedulerMetrics.Scheduled, profile.SchedulerName, Stopwatch.GetElapsedTime(started));
            var name = $"{assumed.Metadata.NamespaceProperty}/{assumed.Metadata.Name}";
            SchedulerLog.Scheduled(_logger, name, host, result.EvaluatedNodes, result.FeasibleNodes);
            _recorder?.Record(assumed, "Normal", "Scheduled", $"Successfully assigned {name} to {host}");
            profile.RunPostBind(state, assumed, host);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Cache.ForgetPod(assumed);
        }
        finally
        {
            _bindSlots.Release();
        }
    }

    private void Track(Task task)
    {
        lock (_inFlightLock)
        {
            _inFlight.Add(task);
        }

        task.ContinueWith(
            t =>
            {
                lock (_inFlightLock)
                {
                    _inFlight.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunChoresAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        var ticks = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                Queue.FlushBackoffCompleted();
                Cache.CleanupExpiredAssumedPods();
                if (++ticks % 30 == 0)
                {
                    Queue.FlushUnschedulableLeftover();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal static string SchedulerNameOf(V1Pod pod) =>
        string.IsNullOrEmpty(pod.Spec?.SchedulerName) ? DefaultProfile.SchedulerName : pod.Spec.SchedulerName;
}
