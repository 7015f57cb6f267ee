using System.Globalization;
using k8s.Models;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>
/// Orders pods from the first to delete to the last, as upstream's ActivePodsWithRanks: unscheduled before scheduled;
/// Pending before Unknown before Running; not ready before ready; lower pod-deletion-cost first; more pods of the same
/// workload on the pod's node first (its rank: a crowded node gives up pods first); ready for less time first; more
/// container restarts first; newer first. Ages compare on upstream's log2 scale (LogarithmicScaleDown), so pods of
/// nearly the same age tie and their uids decide, which spreads deletions instead of always taking the newest.
/// </summary>
internal sealed class DeletionRanking(IReadOnlyDictionary<V1Pod, int> ranks, DateTime now) : IComparer<V1Pod>
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    public int Compare(V1Pod? x, V1Pod? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        return Less(x, y) ? -1 : Less(y, x) ? 1 : 0;
    }

    /// <summary>The pods of <paramref name="pods"/> to delete first, <paramref name="count"/> of them.</summary>
    public static IReadOnlyList<V1Pod> PickForDeletion(IReadOnlyList<V1Pod> pods, IReadOnlyList<V1Pod> related, int count, DateTime now)
    {
        if (count >= pods.Count)
        {
            return pods;
        }

        var perNode = related
            .Where(p => PodState.IsActive(p) && !string.IsNullOrEmpty(p.Spec?.NodeName))
            .GroupBy(p => p.Spec!.NodeName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ranks = new Dictionary<V1Pod, int>(ReferenceEqualityComparer.Instance);
        foreach (var pod in pods)
        {
            ranks[pod] = string.IsNullOrEmpty(pod.Spec?.NodeName) ? 0 : perNode.GetValueOrDefault(pod.Spec.NodeName);
        }

        return [.. pods.Order(new DeletionRanking(ranks, now)).Take(count)];
    }

    private bool Less(V1Pod a, V1Pod b)
    {
        var aAssigned = !string.IsNullOrEmpty(a.Spec?.NodeName);
        var bAssigned = !string.IsNullOrEmpty(b.Spec?.NodeName);
        if (aAssigned != bAssigned)
        {
            return !aAssigned;
        }

        var aPhase = PhaseOrder(a);
        var bPhase = PhaseOrder(b);
        if (aPhase != bPhase)
        {
            return aPhase < bPhase;
        }

        var aReady = PodState.IsReady(a);
        var bReady = PodState.IsReady(b);
        if (aReady != bReady)
        {
            return !aReady;
        }

        var aCost = DeletionCost(a);
        var bCost = DeletionCost(b);
        if (aCost != bCost)
        {
            return aCost < bCost;
        }

        var aRank = ranks.GetValueOrDefault(a);
        var bRank = ranks.GetValueOrDefault(b);
        if (aRank != bRank)
        {
            return aRank > bRank;
        }

        if (aReady && bReady)
        {
            var aSince = PodState.ReadySince(a);
            var bSince = PodState.ReadySince(b);
            if (aSince != bSince)
            {
                return NewerFirst(a, b, aSince, bSince);
            }
        }

        var aRestarts = MaxRestarts(a);
        var bRestarts = MaxRestarts(b);
        if (aRestarts != bRestarts)
        {
            return aRestarts > bRestarts;
        }

        var aCreated = a.Metadata?.CreationTimestamp;
        var bCreated = b.Metadata?.CreationTimestamp;
        return aCreated != bCreated && NewerFirst(a, b, aCreated, bCreated);
    }

    private bool NewerFirst(V1Pod a, V1Pod b, DateTime? aTime, DateTime? bTime)
    {
        if (aTime is null || bTime is null)
        {
            // A missing time counts as the newest.
            return aTime is null;
        }

        var diff = Log2Age(aTime.Value) - Log2Age(bTime.Value);
        if (diff == 0)
        {
            return string.CompareOrdinal(a.Metadata?.Uid, b.Metadata?.Uid) < 0;
        }

        return diff < 0;
    }

    // Upstream buckets the age by log2 of its nanoseconds; the same here, so ties fall exactly where upstream's do.
    private long Log2Age(DateTime time)
    {
        var ticks = (now - time).Ticks;
        return ticks > 0 ? (long)Math.Log2(ticks * 100.0) : -1;
    }

    private static int PhaseOrder(V1Pod pod) => pod.Status?.Phase switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    private static int DeletionCost(V1Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(DeletionCostAnnotation, out var text) == true
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost)
            ? cost
            : 0;

    private static int MaxRestarts(V1Pod pod) => pod.Status?.ContainerStatuses?.Select(c => c.RestartCount).DefaultIfEmpty(0).Max() ?? 0;
}
