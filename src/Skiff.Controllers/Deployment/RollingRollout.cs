using k8s.Models;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// RollingUpdate: grow the new set within maxSurge, shrink old sets within maxUnavailable (unhealthy replicas first),
/// one kind of step per sync.
/// </summary>
internal static class RollingRollout
{
    public static async Task<ReconcileResult> RunAsync(RolloutContext ctx, CancellationToken ct)
    {
        var (newSet, old) = await NewReplicaSetSync.RunAsync(ctx, createIfMissing: true, ct);
        if (newSet is null)
        {
            throw new InvalidOperationException("no new replica set after creating one");
        }

        if (await ScaleUpNewAsync(ctx, newSet, old, ct))
        {
            return await RolloutStatus.SyncRolloutAsync(ctx, ctx.FindNew(), ct);
        }

        if (await ScaleDownOldAsync(ctx, newSet, Replicas.Active(old), ct))
        {
            return await RolloutStatus.SyncRolloutAsync(ctx, ctx.FindNew(), ct);
        }

        if (Progress.IsComplete(ctx.Deployment, ctx.Status))
        {
            await HistoryCleanup.RunAsync(ctx, ctx.FindOld(newSet), ct);
        }

        return await RolloutStatus.SyncRolloutAsync(ctx, ctx.FindNew(), ct);
    }

    private static async Task<bool> ScaleUpNewAsync(RolloutContext ctx, V1ReplicaSet newSet, List<V1ReplicaSet> old, CancellationToken ct)
    {
        var desired = ctx.Desired;
        var size = Replicas.Of(newSet);
        if (size == desired)
        {
            return false;
        }

        var target = size > desired ? desired : NewReplicaSetSync.NewSetReplicas(ctx.Deployment, [.. old, newSet], newSet);
        return (await ReplicaSetScaler.ScaleIfNeededAsync(ctx, newSet, target, ct)).Scaled;
    }

    private static async Task<bool> ScaleDownOldAsync(RolloutContext ctx, V1ReplicaSet newSet, List<V1ReplicaSet> old, CancellationToken ct)
    {
        if (Replicas.SpecTotal(old) == 0)
        {
            return false;
        }

        var minAvailable = ctx.Desired - Fenceposts.MaxUnavailable(ctx.Deployment);

        // Unavailable pods of the new set count against the budget, or a stuck new set would let old pods drain away.
        var newUnavailable = Replicas.Of(newSet) - Replicas.Available(newSet);
        var maxScaledDown = Replicas.SpecTotal([.. old, newSet]) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return false;
        }

        var cleaned = await CleanupUnhealthyAsync(ctx, old, maxScaledDown, ct);
        var scaledDown = await ScaleDownAvailableAsync(ctx, old, newSet, minAvailable, ct);
        return cleaned + scaledDown > 0;
    }

    /// <summary>Removes old replicas that are not available: that costs no availability. Updates <paramref name="old"/> in place.</summary>
    private static async Task<int> CleanupUnhealthyAsync(RolloutContext ctx, List<V1ReplicaSet> old, int maxCleanup, CancellationToken ct)
    {
        old.Sort(ReplicaSetOrder.ByCreation);
        var total = 0;
        for (var i = 0; i < old.Count && total < maxCleanup; i++)
        {
            var rs = old[i];
            var unhealthy = Replicas.Of(rs) - Replicas.Available(rs);
            if (Replicas.Of(rs) == 0 || unhealthy <= 0)
            {
                continue;
            }

            var count = Math.Min(maxCleanup - total, unhealthy);
            old[i] = (await ReplicaSetScaler.ScaleIfNeededAsync(ctx, rs, Replicas.Of(rs) - count, ct)).Set;
            total += count;
        }

        return total;
    }

    /// <summary>Removes old replicas down to minAvailable, counted over available pods, oldest sets first.</summary>
    private static async Task<int> ScaleDownAvailableAsync(
        RolloutContext ctx, List<V1ReplicaSet> old, V1ReplicaSet newSet, int minAvailable, CancellationToken ct)
    {
        var available = Replicas.AvailableTotal([.. old, newSet]);
        if (available <= minAvailable)
        {
            return 0;
        }

        old.Sort(ReplicaSetOrder.ByCreation);
        var budget = available - minAvailable;
        var total = 0;
        foreach (var rs in old)
        {
            if (total >= budget)
            {
                break;
            }

            if (Replicas.Of(rs) == 0)
            {
                continue;
            }

            var count = Math.Min(Replicas.Of(rs), budget - total);
            await ReplicaSetScaler.ScaleIfNeededAsync(ctx, rs, Replicas.Of(rs) - count, ct);
            total += count;
        }

        return total;
    }
}
