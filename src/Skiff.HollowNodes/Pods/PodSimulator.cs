using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.HollowNodes.Http;
using Skiff.HollowNodes.Nodes;
using Skiff.HollowNodes.Scheduling;

namespace Skiff.HollowNodes.Pods;

/// <summary>
/// The hollow kubelets' pod side. Watch events update a small record per pod and queue its uid; a fixed pool
/// of workers reconciles one pod at a time: start it once the startup delay is over, end it when its run time
/// is over, finish its deletion once its containers have "stopped". Anything not yet due goes to the one
/// delay queue and comes back through the work queue.
/// </summary>
internal sealed class PodSimulator
{
    private readonly IKubernetes _client;
    private readonly LeanWrites _writes;
    private readonly NodeSet _nodes;
    private readonly HollowNodeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, PodRecord> _pods = new(StringComparer.Ordinal);
    private readonly WorkQueue<string> _work = new();
    private readonly DelayQueue<string> _later;

    public PodSimulator(IKubernetes client, NodeSet nodes, HollowNodeOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        _writes = new LeanWrites(client);
        _nodes = nodes;
        _options = options;
        _time = time;
        _logger = logger;
        _later = new DelayQueue<string>(time, _work.Add);
    }

    public int Tracked => _pods.Count;

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(_work.RunAsync(_options.PodWorkers, ReconcileAsync, ct), _later.RunAsync(ct));

    public void Observe(WatchEventType type, V1Pod pod)
    {
        var uid = pod.Metadata?.Uid;
        if (uid is null || _nodes.Find(pod.Spec?.NodeName) is not { } node)
        {
            return;
        }

        if (type == WatchEventType.Deleted)
        {
            Forget(uid);
            return;
        }

        var now = _time.GetUtcNow();
        var record = _pods.GetOrAdd(uid, _ => Adopt(pod, node, now));
        lock (record)
        {
            record.Update(pod, now);
        }

        _work.Add(uid);
    }

    /// <summary>After a relist: pods that vanished while the watch was down are forgotten, the rest observed.</summary>
    public void Resync(IList<V1Pod> pods)
    {
        var live = new HashSet<string>(pods.Select(p => p.Metadata.Uid), StringComparer.Ordinal);
        foreach (var uid in _pods.Keys.Where(k => !live.Contains(k)).ToList())
        {
            Forget(uid);
        }

        foreach (var pod in pods)
        {
            Observe(WatchEventType.Added, pod);
        }
    }

    public async Task ReconcileAsync(string uid, CancellationToken ct)
    {
        if (!_pods.TryGetValue(uid, out var pod))
        {
            return;
        }

        try
        {
            var next = await StepAsync(pod, ct).ConfigureAwait(false);
            if (next is { } due)
            {
                _later.Add(uid, due);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            HollowLog.PodCallFailed(_logger, pod.Namespace, pod.Name, "status update", e.Message);
            _later.Add(uid, _time.GetUtcNow() + TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Does what is due for the pod now and returns when to look again, or null when nothing is left to do.</summary>
    private async Task<DateTimeOffset?> StepAsync(PodRecord pod, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var node = _nodes[pod.NodeIndex];
        DateTimeOffset? deletionSeen;
        PodProgress progress;
        lock (pod)
        {
            deletionSeen = pod.DeletionSeen;
            progress = pod.Progress;
        }

        if (deletionSeen is { } seen)
        {
            var stopped = seen + _options.StopDelay;
            if (now < stopped)
            {
                return stopped;
            }

            await DeleteAsync(pod, ct).ConfigureAwait(false);
            return null;
        }

        switch (progress)
        {
            case PodProgress.Pending:
            {
                var start = pod.FirstSeen + _options.StartupDelay;
                if (now < start)
                {
                    return start;
                }

                if (node.AllocateIp() is not { } offset)
                {
                    HollowLog.NoPodIp(_logger, node.Name, pod.Namespace, pod.Name);
                    return now + TimeSpan.FromSeconds(5);
                }

                var patch = PodStatusBuilder.Running(pod, NodeAddressing.InternalIp(node.Index), NodeAddressing.PodIp(node.Index, offset), now);
                try
                {
                    await PatchStatusAsync(pod, patch, ct).ConfigureAwait(false);
                }
                catch
                {
                    node.ReleaseIp(offset);
                    throw;
                }

                lock (pod)
                {
                    pod.IpOffset = offset;
                    pod.StartedAt = now;
                    pod.Progress = PodProgress.Running;
                }

                HollowLog.PodPhase(_logger, pod.Namespace, pod.Name, "Running", node.Name);
                return pod.ExitCode is null ? null : now + pod.RunTime;
            }

            case PodProgress.Running when pod.ExitCode is not null:
            {
                var startedAt = pod.StartedAt ?? now;
                var end = startedAt + pod.RunTime;
                if (now < end)
                {
                    return end;
                }

                var ip = pod.IpOffset is { } o ? NodeAddressing.PodIp(node.Index, o) : "";
                await PatchStatusAsync(pod, PodStatusBuilder.Finished(pod, NodeAddressing.InternalIp(node.Index), ip, startedAt, now), ct).ConfigureAwait(false);
                lock (pod)
                {
                    pod.Progress = PodProgress.Finished;
                }

                HollowLog.PodPhase(_logger, pod.Namespace, pod.Name, pod.ExitCode == 0 ? "Succeeded" : "Failed", node.Name);
                return null;
            }

            default:
                return null;
        }
    }

    private async Task PatchStatusAsync(PodRecord pod, System.Text.Json.Nodes.JsonObject patch, CancellationToken ct)
    {
        try
        {
            await _writes.PatchPodStatusAsync(pod.Namespace, pod.Name, patch.ToJsonString(), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.NotFound(e))
        {
            // Deleted meanwhile; its DELETED event forgets it.
        }
    }

    /// <summary>Finishes a graceful deletion as a kubelet does once the containers are gone: grace 0, only this uid.</summary>
    private async Task DeleteAsync(PodRecord pod, CancellationToken ct)
    {
        var options = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Uid } };
        try
        {
            await _client.CoreV1.DeleteNamespacedPodAsync(pod.Name, pod.Namespace, options, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.NotFound(e) || ApiErrors.Conflict(e))
        {
            // Already gone, or the name now belongs to a newer pod.
        }
    }

    private PodRecord Adopt(V1Pod pod, HollowNode node, DateTimeOffset now)
    {
        var record = PodRecord.From(pod, node.Index, now);

        // After a restart a running pod keeps the IP it was given.
        if (record.Progress == PodProgress.Running && NodeAddressing.PodOffset(node.Index, pod.Status?.PodIP) is { } offset)
        {
            node.ReserveIp(offset);
            record.IpOffset = offset;
        }

        return record;
    }

    private void Forget(string uid)
    {
        if (_pods.TryRemove(uid, out var record))
        {
            lock (record)
            {
                if (record.IpOffset is { } offset)
                {
                    _nodes[record.NodeIndex].ReleaseIp(offset);
                    record.IpOffset = null;
                }
            }
        }
    }
}
