using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Events;
using Skiff.Client.Informers;
using Skiff.Client.LeaderElection;
using Skiff.Scheduler.Config;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Metrics;
using Skiff.Scheduler.Scheduling;

namespace Skiff.Scheduler.Hosting;

/// <summary>
/// kube-scheduler inside the server: campaigns for the kube-system/kube-scheduler Lease and, for each term it leads,
/// builds fresh informers (or attaches to the process's shared ones), cache and queue, waits for the informers to sync
/// and schedules until the lease is lost.
/// Metrics outlive terms so /metrics keeps counting across them.
/// </summary>
public sealed class SchedulerHost
{
    private readonly IKubernetes _client;
    private readonly SchedulerSettings _settings;
    private readonly PluginRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly LeaderElector _elector;
    private readonly ISharedInformerFactory? _shared;

    public SchedulerHost(IKubernetes client, SchedulerSettings settings, PluginRegistry registry, TimeProvider time, ILoggerFactory loggers, LeaderElectionOptions? election = null, SchedulerMetrics? metrics = null, ISharedInformerFactory? sharedInformers = null)
    {
        _shared = sharedInformers;
        Metrics = metrics ?? new SchedulerMetrics();
        _client = client;
        _settings = settings;
        _registry = registry;
        _time = time;
        _loggers = loggers;
        _elector = new LeaderElector(
            client, election ?? new LeaderElectionOptions { Namespace = "kube-system", Name = "kube-scheduler" }, time, loggers.CreateLogger("skiff.leader-election"));
    }

    public SchedulerMetrics Metrics { get; }

    public bool IsLeader => _elector.IsLeader;

    /// <summary>The scheduler of the current term, for tests; null while not leading.</summary>
    public Scheduling.Scheduler? Current { get; private set; }

    public Task RunAsync(CancellationToken ct) => _elector.RunAsync(LeadAsync, ct);

    private async Task LeadAsync(CancellationToken leading)
    {
        // With the process's shared informers (started by their owner) a term only attaches handlers to them.
        using var scope = _shared is null ? null : new InformerScope(_shared);
        var informers = scope ?? (ISharedInformerFactory)new SharedInformerFactory(_client, _time, _loggers);
        var broadcaster = new EventBroadcaster(_client, _time, _loggers.CreateLogger("skiff.scheduler.events"));
        var priorityClasses = informers.Get<V1PriorityClass>();
        using var scheduler = new Scheduling.Scheduler(new SchedulerDependencies
        {
            Settings = _settings,
            Registry = _registry,
            Client = _client,
            Informers = informers,
            Recorder = broadcaster.NewRecorder(DefaultProfile.SchedulerName),
            Priorities = new PriorityResolver(priorityClasses.Lister),
            Time = _time,
            Logger = _loggers.CreateLogger("skiff.scheduler"),
            Metrics = Metrics,
        });
        using var subscriptions = scheduler.Attach(informers);
        informers.Start(leading);
        var events = broadcaster.RunAsync(leading);
        try
        {
            await Task.WhenAll(informers.Get<V1Pod>().Synced, informers.Get<V1Node>().Synced, priorityClasses.Synced).WaitAsync(leading).ConfigureAwait(false);
            Current = scheduler;
            await scheduler.RunAsync(leading).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
        }
        finally
        {
            Current = null;
            await events.ConfigureAwait(false);
        }
    }
}
