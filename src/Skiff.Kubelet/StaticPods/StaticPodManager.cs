using System.Net;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client.Cache;
using Skiff.Client.Informers;
using Skiff.Kubelet.Pods;

namespace Skiff.Kubelet.StaticPods;

/// <summary>
/// Runs the pods in the manifest directory and keeps their mirrors in the API: rescans the directory when it changes
/// (and every 20 s, upstream's file check period), hands new and vanished pods to the pod workers, and creates,
/// replaces or deletes mirror pods until the API shows exactly one current mirror per static pod.
/// </summary>
public sealed partial class StaticPodManager(
    StaticPodSource source,
    PodWorkers workers,
    IKubernetes client,
    ILister<V1Pod> pods,
    string manifestDir,
    string nodeName,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    // Editors and `cp` write a file in several steps; a short pause lets the last write land before the rescan.
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(100);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private string? _nodeUid;

    /// <summary>Wakes the manager whenever a mirror pod on this node changes or goes.</summary>
    public void Watch(IInformer<V1Pod> informer) =>
        informer.AddHandler(e =>
        {
            if (IsMirrorHere(e.Object) || (e.Old is not null && IsMirrorHere(e.Old)))
            {
                Wake();
            }
        });

    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Reads the directory and hands every pod that appeared or went to its worker.</summary>
    public void Rescan()
    {
        var loaded = ManifestLoader.Load(manifestDir, nodeName, time.GetUtcNow().UtcDateTime);
        var failedFiles = loaded.Errors.Select(e => e.File).ToHashSet(StringComparer.Ordinal);
        var current = loaded.Pods.ToList();

        // A file that does not parse right now (often one being written) keeps the pods it had rather than stopping them.
        current.AddRange(source.All.Where(p => failedFiles.Contains(p.File) && current.All(c => c.Uid != p.Uid)));
        foreach (var (file, message) in loaded.Errors)
        {
            if (_reported.Add($"{file}\n{message}"))
            {
                LogBadManifest(logger, file, message);
            }
        }

        foreach (var uid in source.Replace(current))
        {
            workers.Update(uid);
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(manifestDir);
        using var watcher = new FileSystemWatcher(manifestDir);
        watcher.Created += (_, _) => Wake();
        watcher.Changed += (_, _) => Wake();
        watcher.Deleted += (_, _) => Wake();
        watcher.Renamed += (_, _) => Wake();
        watcher.EnableRaisingEvents = true;
        while (!ct.IsCancellationRequested)
        {
            var wait = RescanInterval;
            try
            {
                Rescan();
                await SyncMirrorsAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException)
            {
                LogMirrorFailed(logger, e.Message);
                wait = RetryInterval;
            }

            if (!await WaitAsync(wait, ct).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(delay);
        try
        {
            await _wake.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
            await Task.Delay(SettleDelay, time, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return true;
    }

    /// <summary>One current mirror per static pod; stale mirrors (old hash, being deleted) replaced; orphans deleted.</summary>
    private async Task SyncMirrorsAsync(CancellationToken ct)
    {
        var inApi = pods.List().Where(p => p.Spec?.NodeName == nodeName)
            .GroupBy(Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var wanted = source.All.ToDictionary(p => Key(p.Pod), StringComparer.Ordinal);
        foreach (var (key, staticPod) in wanted)
        {
            if (inApi.TryGetValue(key, out var existing))
            {
                if (MirrorPod.IsCurrentMirrorOf(existing, staticPod))
                {
                    continue;
                }

                if (!StaticPodAnnotations.IsMirror(existing))
                {
                    if (_reported.Add($"taken\n{key}"))
                    {
                        LogNameTaken(logger, key);
                    }

                    continue;
                }

                await DeleteAsync(existing, ct).ConfigureAwait(false);
            }

            await CreateAsync(staticPod, ct).ConfigureAwait(false);
        }

        foreach (var (key, orphan) in inApi)
        {
            if (StaticPodAnnotations.IsMirror(orphan) && !wanted.ContainsKey(key))
            {
                await DeleteAsync(orphan, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task CreateAsync(StaticPodManifest staticPod, CancellationToken ct)
    {
        _nodeUid ??= (await client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: ct).ConfigureAwait(false)).Metadata.Uid;
        try
        {
            await client.CoreV1.CreateNamespacedPodAsync(MirrorPod.Build(staticPod, _nodeUid), staticPod.Pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Created already and not yet in our informer's cache.
            return;
        }

        // A new mirror starts from the API server's Pending status; the worker writes the real one again.
        workers.RewriteStatus(staticPod.Uid);
    }

    /// <summary>Mirrors are deleted at once (grace 0, uid precondition): nothing runs behind them.</summary>
    private async Task DeleteAsync(V1Pod mirror, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.DeleteNamespacedPodAsync(mirror.Metadata.Name, mirror.Metadata.NamespaceProperty, new V1DeleteOptions
            {
                GracePeriodSeconds = 0,
                Preconditions = new V1Preconditions { Uid = mirror.Metadata.Uid },
            }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
        }
    }

    private bool IsMirrorHere(V1Pod pod) => pod.Spec?.NodeName == nodeName && StaticPodAnnotations.IsMirror(pod);

    private static string Key(V1Pod pod) => $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "static pod manifest {File} skipped: {Reason}")]
    private static partial void LogBadManifest(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "mirror pods not synced: {Reason}")]
    private static partial void LogMirrorFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "static pod {Pod} has no mirror: a pod that is not a mirror has its name")]
    private static partial void LogNameTaken(ILogger logger, string pod);
}
