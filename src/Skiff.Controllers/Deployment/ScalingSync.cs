using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// The sync that only scales (upstream's "sync"): for a paused Deployment, or one whose replica count changed while its
/// sets still carry the old desired-replicas.
/// </summary>
internal static class ScalingSync
{
    public static async Task RunAsync(RolloutContext ctx, CancellationToken ct)
    {
        var (newSet, old) = await NewReplicaSetSync.RunAsync(ctx, createIfMissing: false, ct);
        await ProportionalScaler.ScaleAsync(ctx, newSet, old, ct);
        var d = ctx.Deployment;
        if (d.Spec.Paused == true && LegacyRollback.RevisionOf(d) is null)
        {
            await HistoryCleanup.RunAsync(ctx, ctx.FindOld(ctx.FindNew()), ct);
        }

        await RolloutStatus.SyncAsync(ctx, ctx.FindNew(), ct);
    }

    /// <summary>True when an active set was sized for a different .spec.replicas than the Deployment has now.</summary>
    public static async Task<bool> IsScalingEventAsync(RolloutContext ctx, CancellationToken ct)
    {
        var (newSet, old) = await NewReplicaSetSync.RunAsync(ctx, createIfMissing: false, ct);
        var desired = ctx.Desired;
        return Replicas.Active([.. old, newSet])
            .Any(rs => ReplicaSetAnnotations.ReadInt(rs, DeploymentAnnotations.DesiredReplicas) is { } before && before != desired);
    }
}
