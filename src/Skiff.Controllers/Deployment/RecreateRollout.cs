using k8s.Models;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.Deployment;

/// <summary>Recreate: scale every old set to zero, wait until none of their pods runs, then bring up the new set.</summary>
internal static class RecreateRollout
{
    public static async Task<ReconcileResult> RunAsync(RolloutContext ctx, IReadOnlyList<V1Pod> pods, CancellationToken ct)
    {
        // No new set yet: creating it before the old pods are gone would run both versions at once.
        var (newSet, old) = await NewReplicaSetSync.RunAsync(ctx, createIfMissing: false, ct);
        var scaledDown = false;
        foreach (var rs in Replicas.Active(old))
        {
            scaledDown |= (await ReplicaSetScaler.ScaleIfNeededAsync(ctx, rs, 0, ct)).Scaled;
        }

        if (scaledDown || OldPodsRunning(newSet, ctx.FindOld(newSet), pods))
        {
            return await RolloutStatus.SyncRolloutAsync(ctx, newSet, ct);
        }

        if (newSet is null)
        {
            (newSet, _) = await NewReplicaSetSync.RunAsync(ctx, createIfMissing: true, ct);
        }

        if (newSet is not null)
        {
            await ReplicaSetScaler.ScaleIfNeededAsync(ctx, newSet, ctx.Desired, ct);
        }

        if (Progress.IsComplete(ctx.Deployment, ctx.Status))
        {
            await HistoryCleanup.RunAsync(ctx, ctx.FindOld(ctx.FindNew()), ct);
        }

        return await RolloutStatus.SyncRolloutAsync(ctx, ctx.FindNew(), ct);
    }

    /// <summary>Old sets still report pods, or a pod of an old set is not yet terminal (Unknown counts as running).</summary>
    public static bool OldPodsRunning(V1ReplicaSet? newSet, IReadOnlyList<V1ReplicaSet> old, IReadOnlyList<V1Pod> pods)
    {
        if (Replicas.ActualTotal(old) > 0)
        {
            return true;
        }

        var oldUids = old.Select(rs => rs.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        return pods.Any(pod =>
            Ownership.ControllerOf(pod) is { } owner
            && oldUids.Contains(owner.Uid)
            && owner.Uid != newSet?.Metadata.Uid
            && pod.Status?.Phase is not ("Failed" or "Succeeded"));
    }
}
