using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.PodGC;

/// <summary>
/// One sweep over all pods, under a single key: terminated pods above the threshold go oldest first (evicted ones
/// before others), pods bound to a node that stayed missing through the quarantine and is confirmed gone by the API
/// are force-deleted, and terminating pods that were never scheduled are force-deleted.
/// </summary>
internal sealed class PodGcReconciler(
    ILister<V1Pod> pods, ILister<V1Node> nodes, IPodGcClient client, PodGcOptions options, TimeProvider time, ILogger logger) : IReconciler
{
    public static readonly ObjectKey SweepKey = new(null, "pod-gc");

    /// <summary>Missing node → when it was first seen missing. One key means one worker touches this at a time.</summary>
    private readonly Dictionary<string, DateTimeOffset> _missingSince = new(StringComparer.Ordinal);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var all = pods.List();
        await DeleteTerminatedOverThresholdAsync(all, ct).ConfigureAwait(false);
        var quarantineLeft = await DeleteOrphanedAsync(all, ct).ConfigureAwait(false);
        await DeleteUnscheduledTerminatingAsync(all, ct).ConfigureAwait(false);
        var next = quarantineLeft is { } left && left < options.CheckPeriod ? left : options.CheckPeriod;
        return ReconcileResult.After(next);
    }

    /// <summary>Whether a pod event can change what a sweep does (keeps the sweep off the path of ordinary pod churn).</summary>
    public bool Matters(V1Pod pod) =>
        IsTerminated(pod)
        || (pod.Metadata?.DeletionTimestamp is not null && string.IsNullOrEmpty(pod.Spec?.NodeName))
        || (pod.Spec?.NodeName is { Length: > 0 } node && nodes.Get(null, node) is null);

    private async Task DeleteTerminatedOverThresholdAsync(IReadOnlyList<V1Pod> all, CancellationToken ct)
    {
        if (options.TerminatedPodThreshold <= 0)
        {
            return;
        }

        var terminated = all.Where(IsTerminated).ToList();
        var excess = terminated.Count - options.TerminatedPodThreshold;
        if (excess <= 0)
        {
            return;
        }

        PodGcLog.DeletingTerminated(logger, excess, options.TerminatedPodThreshold);
        var oldest = terminated
            .OrderByDescending(IsEvicted)
            .ThenBy(p => p.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Take(excess);
        foreach (var pod in oldest)
        {
            await client.DeletePodAsync(pod, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Returns how long until the next quarantine ends, if any node is waiting in one.</summary>
    private async Task<TimeSpan?> DeleteOrphanedAsync(IReadOnlyList<V1Pod> all, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var missing = all
            .Select(p => p.Spec?.NodeName)
            .OfType<string>()
            .Where(n => n.Length > 0 && nodes.Get(null, n) is null)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var node in _missingSince.Keys.Where(n => !missing.Contains(n)).ToList())
        {
            _missingSince.Remove(node);
        }

        TimeSpan? next = null;
        foreach (var node in missing)
        {
            var since = _missingSince.TryGetValue(node, out var first) ? first : _missingSince[node] = now;
            var left = since + options.Quarantine - now;
            if (left > TimeSpan.Zero)
            {
                next = next is { } n && n < left ? n : left;
                continue;
            }

            _missingSince.Remove(node);
            if (await client.NodeExistsAsync(node, ct).ConfigureAwait(false))
            {
                // Only the cache was behind.
                continue;
            }

            foreach (var pod in all.Where(p => p.Spec?.NodeName == node))
            {
                PodGcLog.DeletingOrphaned(logger, node, pod.Metadata.NamespaceProperty, pod.Metadata.Name);
                var condition = new V1PodCondition
                {
                    Type = "DisruptionTarget",
                    Status = "True",
                    Reason = "DeletionByPodGC",
                    Message = "PodGC: node no longer exists",
                    LastTransitionTime = time.GetUtcNow().UtcDateTime,
                };
                await FailAndDeleteAsync(pod, condition, ct).ConfigureAwait(false);
            }
        }

        return next;
    }

    private async Task DeleteUnscheduledTerminatingAsync(IReadOnlyList<V1Pod> all, CancellationToken ct)
    {
        foreach (var pod in all.Where(p => p.Metadata?.DeletionTimestamp is not null && string.IsNullOrEmpty(p.Spec?.NodeName)))
        {
            PodGcLog.DeletingUnscheduled(logger, pod.Metadata.NamespaceProperty, pod.Metadata.Name);
            await FailAndDeleteAsync(pod, null, ct).ConfigureAwait(false);
        }
    }

    private async Task FailAndDeleteAsync(V1Pod pod, V1PodCondition? condition, CancellationToken ct)
    {
        if (!IsTerminated(pod))
        {
            await client.MarkFailedAsync(pod, condition, ct).ConfigureAwait(false);
        }

        await client.DeletePodAsync(pod, ct).ConfigureAwait(false);
    }

    private static bool IsTerminated(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    private static bool IsEvicted(V1Pod pod) => pod.Status?.Phase == "Failed" && pod.Status.Reason == "Evicted";
}
