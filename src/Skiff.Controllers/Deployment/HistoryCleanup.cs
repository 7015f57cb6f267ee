using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>Keeps at most revisionHistoryLimit old ReplicaSets, deleting the lowest revisions that run nothing.</summary>
internal static class HistoryCleanup
{
    public static async Task RunAsync(RolloutContext ctx, IReadOnlyList<V1ReplicaSet> old, CancellationToken ct)
    {
        var d = ctx.Deployment;
        if (d.Spec.RevisionHistoryLimit is not { } limit || limit == int.MaxValue)
        {
            return;
        }

        var cleanable = old.Where(rs => rs.Metadata.DeletionTimestamp is null).ToList();
        var excess = cleanable.Count - limit;
        if (excess <= 0)
        {
            return;
        }

        cleanable.Sort(ReplicaSetOrder.ByRevision);
        foreach (var rs in cleanable.Take(excess))
        {
            // A set still running pods, or whose controller has not caught up with its spec, is kept for now.
            if ((rs.Status?.Replicas ?? 0) != 0 || Replicas.Of(rs) != 0
                || (rs.Metadata.Generation ?? 0) > (rs.Status?.ObservedGeneration ?? 0))
            {
                continue;
            }

            await ctx.Services.Writer.DeleteReplicaSetAsync(rs.Metadata.NamespaceProperty, rs.Metadata.Name, ct);
            ctx.ReplicaSets.RemoveAll(r => r.Metadata.Uid == rs.Metadata.Uid);
        }
    }
}
