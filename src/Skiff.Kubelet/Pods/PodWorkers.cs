using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Cache;
using Skiff.Kubelet.Cri.V1;

namespace Skiff.Kubelet.Pods;

/// <summary>
/// One worker per pod uid, so a pod's syncs never overlap while different pods proceed in parallel. A worker syncs
/// when its pod changes, when <see cref="PodLifecycleEventGenerator"/> sees its containers change, every second while
/// the pod is still changing and every 10 s once it has settled. Pods come
/// from the API, or from <paramref name="staticPods"/> (manifests on the node) when it knows the uid.
/// </summary>
public sealed partial class PodWorkers(PodRuntimeContext context, ILister<V1Pod> pods, string nodeName, Func<string, V1Pod?>? staticPods = null) : IAsyncDisposable
{
    private static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(1);

    // Polling every settled pod every second cost four CRI calls and a status build per pod per second, which at
    // tens of pods kept containerd busy enough to slow new sandboxes; runtime changes now arrive by relist.
    private static readonly TimeSpan SettledResyncInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Worker> _workers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly PodSyncer _syncer = new(context);

    private sealed class Worker
    {
        public Task Loop { get; set; } = Task.CompletedTask;

        public Channel<bool> Wake { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        public PodWorkerState State { get; } = new();
    }

    /// <summary>Asks the pod's worker to sync now, starting one if the pod has none.</summary>
    public void Update(string uid)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        Worker? worker;
        lock (_workers)
        {
            if (!_workers.TryGetValue(uid, out worker))
            {
                worker = new Worker();
                _workers[uid] = worker;
                var started = worker;
                worker.Loop = Task.Run(() => RunAsync(uid, started));
            }
        }

        worker.Wake.Writer.TryWrite(true);
    }

    /// <summary>A liveness failure: the worker kills the container on its next sync and restarts it by policy.</summary>
    public void Unhealthy(string uid, string containerId, string containerName)
    {
        if (_workers.TryGetValue(uid, out var worker))
        {
            worker.State.Unhealthy[containerId] = containerName;
            worker.Wake.Writer.TryWrite(true);
        }
    }

    /// <summary>
    /// Starts workers for every pod the runtime has (re-adoption after a restart: running containers are kept) and
    /// for every pod bound here; workers of pods missing from the API kill and remove what is left.
    /// </summary>
    public async Task AdoptAsync(CancellationToken ct)
    {
        var sandboxes = await context.Cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest
        {
            Filter = new PodSandboxFilter { LabelSelector = { [PodLabels.KubeletManaged] = "true" } },
        }, cancellationToken: ct).ConfigureAwait(false);
        foreach (var uid in sandboxes.Items.Select(s => s.Metadata.Uid).Distinct(StringComparer.Ordinal))
        {
            Update(uid);
        }

        foreach (var pod in pods.List().Where(IsOurs))
        {
            Update(pod.Metadata.Uid);
        }
    }

    /// <summary>Pods bound here, except mirror pods: those only show a static pod in the API and are never run.</summary>
    public bool IsOurs(V1Pod pod) => pod.Spec?.NodeName == nodeName && !StaticPods.StaticPodAnnotations.IsMirror(pod);

    /// <summary>Forgets the status written last, so the next sync writes it again (to a mirror pod made anew).</summary>
    public void RewriteStatus(string uid)
    {
        if (_workers.TryGetValue(uid, out var worker))
        {
            worker.State.WrittenStatusJson = null;
            worker.Wake.Writer.TryWrite(true);
        }
    }

    /// <summary>The informer index <see cref="PodWorkers"/> finds pods by; the host adds it before the workers start.</summary>
    public const string UidIndex = "uid";

    private V1Pod? Find(string uid) => staticPods?.Invoke(uid) ?? pods.ByIndex(UidIndex, uid).FirstOrDefault(IsOurs);

    private async Task RunAsync(string uid, Worker worker)
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            var interval = ResyncInterval;
            try
            {
                var writtenBefore = worker.State.WrittenStatusJson;
                if (await _syncer.SyncAsync(uid, Find(uid), worker.State, ct).ConfigureAwait(false))
                {
                    lock (_workers)
                    {
                        _workers.TryRemove(uid, out _);
                    }

                    return;
                }

                if (IsSettled(worker.State, writtenBefore))
                {
                    interval = SettledResyncInterval;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RpcException or k8s.Autorest.HttpOperationException or HttpRequestException or IOException)
            {
                LogSyncFailed(context.Logger, uid, e.Message);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(interval);
            try
            {
                await worker.Wake.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                worker.Wake.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Running or finished, nothing waiting (no back-off, no pull), and this sync had no new status to write.</summary>
    private static bool IsSettled(PodWorkerState state, string? writtenBefore) =>
        state.Waiting.IsEmpty
        && state.WrittenStatusJson is not null
        && state.WrittenStatusJson == writtenBefore
        && state.WrittenStatus?.Phase is "Running" or "Succeeded" or "Failed";

    /// <summary>Stops the workers; containers keep running (a restarted kubelet adopts them).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers.Values.Select(w => w.Loop)).ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "sync of pod {Uid} failed: {Reason}")]
    private static partial void LogSyncFailed(ILogger logger, string uid, string reason);
}
