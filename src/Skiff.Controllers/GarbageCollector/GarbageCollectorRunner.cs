using System.Threading.Channels;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Events;
using Skiff.Client.Informers;
using Skiff.Controllers.Dynamic;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>
/// Runs the collector: keeps one metadata informer ("monitor") per deletable resource that discovery lists, feeds
/// their events into the graph, and works the attemptToDelete and attemptToOrphan queues. Discovery is re-read every
/// 30 s and whenever a CRD changes, so custom resources join (and leave) the graph as they are served.
/// </summary>
internal sealed class GarbageCollectorRunner : IDisposable
{
    private static readonly TimeSpan ResyncPeriod = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(30);
    private static readonly HashSet<(string Group, string Plural)> Ignored = [(string.Empty, "events"), ("events.k8s.io", "events")];

    private readonly ISharedInformerFactory _informers;
    private readonly IResourceDiscovery _discovery;
    private readonly IEventRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DependencyGraph _graph = new();
    private readonly ItemQueue _deletes;
    private readonly ItemQueue _orphans;
    private readonly GarbageProcessor _processor;
    private readonly Dictionary<(string Group, string Plural), Monitor> _monitors = [];
    private readonly Channel<bool> _resync = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile DiscoveryResult _known = DiscoveryResult.Empty;

    public GarbageCollectorRunner(
        ISharedInformerFactory informers, IResourceDiscovery discovery, IGarbageCollectorClient client, IEventRecorder recorder, TimeProvider time, ILogger logger)
    {
        _informers = informers;
        _discovery = discovery;
        _recorder = recorder;
        _time = time;
        _logger = logger;
        _deletes = new ItemQueue(time);
        _orphans = new ItemQueue(time);
        _processor = new GarbageProcessor(_graph, client, () => _known, Schedule, logger);
    }

    public int DeleteWorkers { get; init; } = 4;

    public int OrphanWorkers { get; init; } = 2;

    internal int GraphCount => _graph.Count;

    /// <summary>Asks for discovery to be read again soon (a CRD was added, changed or removed).</summary>
    public void RequestResync() => _resync.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken ct)
    {
        await SyncMonitorsAsync(ct).ConfigureAwait(false);
        await WaitForMonitorsAsync(ct).ConfigureAwait(false);

        var workers = new List<Task>();
        workers.AddRange(Enumerable.Range(0, DeleteWorkers).Select(_ => WorkAsync(_deletes, _processor.AttemptToDeleteAsync, ct)));
        workers.AddRange(Enumerable.Range(0, OrphanWorkers).Select(_ => WorkAsync(_orphans, _processor.AttemptToOrphanAsync, ct)));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var timer = Task.Delay(ResyncPeriod, _time, tick.Token);
                var signal = _resync.Reader.WaitToReadAsync(tick.Token).AsTask();
                await Task.WhenAny(timer, signal).ConfigureAwait(false);
                await tick.CancelAsync().ConfigureAwait(false);
                _resync.Reader.TryRead(out _);
                ct.ThrowIfCancellationRequested();
                await SyncMonitorsAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _deletes.ShutDown();
            _orphans.ShutDown();
            await Task.WhenAll(workers).ConfigureAwait(false);
            foreach (var monitor in _monitors.Values)
            {
                monitor.Handler.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _deletes.Dispose();
        _orphans.Dispose();
    }

    /// <summary>Reads discovery and starts or stops monitors to match; a failed read keeps what was known.</summary>
    internal async Task SyncMonitorsAsync(CancellationToken ct)
    {
        DiscoveryResult found;
        try
        {
            found = await _discovery.DiscoverAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiStatusException or HttpRequestException)
        {
            _logger.DiscoveryFailed(e);
            return;
        }

        _known = found;
        var wanted = found.Preferred
            .Where(r => r.Supports("list") && r.Supports("watch") && r.Supports("delete") && !Ignored.Contains((r.Group, r.Plural)))
            .ToDictionary(r => (r.Group, r.Plural));

        // Groups whose discovery failed keep their monitors: an unreadable group is not a removed one.
        foreach (var key in _monitors.Keys.Where(k => !wanted.ContainsKey(k) && !found.FailedGroups.Keys.Any(g => SameGroup(g, k.Group))).ToList())
        {
            _monitors[key].Handler.Dispose();
            _monitors.Remove(key);
        }

        foreach (var (key, resource) in wanted)
        {
            if (_monitors.TryGetValue(key, out var existing) && existing.Resource.Version == resource.Version)
            {
                continue;
            }

            existing?.Handler.Dispose();
            var informer = _informers.GetMetadata(resource.Group, resource.Version, resource.Plural);
            var handler = informer.AddHandler(e => OnEvent(resource, e));
            _monitors[key] = new Monitor(resource, informer.Synced, handler);
        }

        _logger.Monitoring(_monitors.Count);
    }

    private async Task WaitForMonitorsAsync(CancellationToken ct)
    {
        var synced = Task.WhenAll(_monitors.Values.Select(m => m.Synced));
        await Task.WhenAny(synced, Task.Delay(SyncTimeout, _time, ct)).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    private void OnEvent(ApiResource resource, InformerEvent<PartialObject> e)
    {
        var meta = e.Object.Metadata;
        if (string.IsNullOrEmpty(meta?.Uid))
        {
            return;
        }

        if (e.Type == InformerEventType.Deleted)
        {
            Schedule(_graph.Remove(meta.Uid));
            return;
        }

        if (e.Old?.Metadata?.Uid is { Length: > 0 } oldUid && oldUid != meta.Uid)
        {
            // The name was deleted and reused between two observations.
            Schedule(_graph.Remove(oldUid));
        }

        var identity = new ObjectIdentity(resource.GroupVersion, resource.Kind, meta.NamespaceProperty, meta.Name, meta.Uid);
        Schedule(_graph.Upsert(identity, [.. meta.OwnerReferences ?? []], meta.DeletionTimestamp is not null, [.. meta.Finalizers ?? []]));
    }

    private void Schedule(GraphWork work)
    {
        foreach (var uid in work.AttemptToDelete)
        {
            _deletes.Add(uid);
        }

        foreach (var uid in work.AttemptToOrphan)
        {
            _orphans.Add(uid);
        }

        foreach (var (dependent, owner) in work.InvalidNamespaceOwners)
        {
            _logger.InvalidNamespaceOwner(dependent.ToString(), owner.ToString());
            var regarding = new PartialObject
            {
                ApiVersion = dependent.ApiVersion,
                Kind = dependent.Kind,
                Metadata = new V1ObjectMeta { Name = dependent.Name, NamespaceProperty = dependent.Namespace, Uid = dependent.Uid },
            };
            _recorder.Record(regarding, "Warning", "OwnerRefInvalidNamespace", $"ownerRef {owner} does not exist in namespace \"{dependent.Namespace}\"");
        }
    }

    private async Task WorkAsync(ItemQueue queue, Func<string, CancellationToken, Task<WorkResult>> work, CancellationToken ct)
    {
        while (true)
        {
            var (ok, uid) = await queue.TakeAsync(ct).ConfigureAwait(false);
            if (!ok)
            {
                return;
            }

            WorkResult result;
            try
            {
                result = await work(uid, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                queue.Done(uid);
                return;
            }
            catch (Exception e)
            {
                _logger.SyncFailed(e, uid);
                result = WorkResult.Requeue;
            }

            if (result == WorkResult.Requeue)
            {
                queue.AddRateLimited(uid);
            }
            else
            {
                queue.Forget(uid);
            }

            queue.Done(uid);
        }
    }

    private static bool SameGroup(string groupVersion, string group)
    {
        var slash = groupVersion.IndexOf('/', StringComparison.Ordinal);
        return (slash < 0 ? string.Empty : groupVersion[..slash]) == group;
    }

    private sealed record Monitor(ApiResource Resource, Task Synced, IDisposable Handler);
}
