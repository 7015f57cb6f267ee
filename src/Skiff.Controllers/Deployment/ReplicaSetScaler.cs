using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>Resizes one ReplicaSet, refreshing its replica annotations, and tells the Deployment's events about it.</summary>
internal static class ReplicaSetScaler
{
    /// <summary>Scales when the size differs; returns whether it did and the set as it now is.</summary>
    public static async Task<(bool Scaled, V1ReplicaSet Set)> ScaleIfNeededAsync(RolloutContext ctx, V1ReplicaSet rs, int newScale, CancellationToken ct)
    {
        if (Replicas.Of(rs) == newScale)
        {
            return (false, rs);
        }

        return await ScaleAsync(ctx, rs, newScale, Replicas.Of(rs) > newScale ? "down" : "up", ct);
    }

    /// <summary>Writes the set if its size or its desired/max annotations are out of date.</summary>
    public static async Task<(bool Scaled, V1ReplicaSet Set)> ScaleAsync(
        RolloutContext ctx, V1ReplicaSet rs, int newScale, string operation, CancellationToken ct)
    {
        var d = ctx.Deployment;
        var desired = Replicas.Desired(d);
        var max = desired + Fenceposts.MaxSurge(d);
        var oldScale = Replicas.Of(rs);
        var sizeChanges = oldScale != newScale;
        if (!sizeChanges && !ReplicaSetAnnotations.ReplicasNeedUpdate(rs, desired, max))
        {
            return (false, rs);
        }

        var copy = ModelCopy.Of(rs);
        copy.Spec.Replicas = newScale;
        ReplicaSetAnnotations.SetReplicas(copy, desired, max);
        var updated = await ctx.Services.Writer.UpdateReplicaSetAsync(copy, ct);
        ctx.Track(updated);
        if (sizeChanges)
        {
            ctx.Event("Normal", "ScalingReplicaSet", $"Scaled {operation} replica set {updated.Metadata.Name} to {newScale} from {oldScale}");
        }

        return (sizeChanges, updated);
    }
}
