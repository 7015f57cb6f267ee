using k8s.Models;
using Skiff.Api.Selectors;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// Upstream's syncDeployment: claim the ReplicaSets, then either just keep status (being deleted), scale (paused, or
/// .spec.replicas changed), roll back (legacy annotation), or take a rollout step for the strategy.
/// </summary>
internal sealed class DeploymentReconciler(
    ILister<V1Deployment> deployments, ILister<V1ReplicaSet> replicaSets, ILister<V1Pod> pods, SyncServices services) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        if (deployments.Get(key) is not { } cached)
        {
            return ReconcileResult.Done;
        }

        var d = ModelCopy.Of(cached);
        if (Selectors.SelectsEverything(d.Spec.Selector))
        {
            await RefuseSelectAllAsync(d, ct);
            return ReconcileResult.Done;
        }

        LabelSelector selector;
        try
        {
            selector = Selectors.From(d.Spec.Selector);
        }
        catch (SelectorParseException e)
        {
            throw new TerminalReconcileException($"deployment {key} has invalid label selector: {e.Message}", e);
        }

        var owned = await ReplicaSetClaimer.ClaimAsync(d, selector, replicaSets.List(key.Namespace), services.Writer, ct);
        var ctx = new RolloutContext(d, owned, services);
        if (d.Metadata.DeletionTimestamp is not null)
        {
            var (newSet, _) = await NewReplicaSetSync.RunAsync(ctx, createIfMissing: false, ct);
            await RolloutStatus.SyncAsync(ctx, newSet, ct);
            return ReconcileResult.Done;
        }

        await RolloutStatus.CheckPausedAsync(ctx, ct);
        if (ctx.Deployment.Spec.Paused == true)
        {
            await ScalingSync.RunAsync(ctx, ct);
            return ReconcileResult.Done;
        }

        if (LegacyRollback.RevisionOf(ctx.Deployment) is not null)
        {
            await LegacyRollback.RunAsync(ctx, ct);
            return ReconcileResult.Done;
        }

        if (await ScalingSync.IsScalingEventAsync(ctx, ct))
        {
            await ScalingSync.RunAsync(ctx, ct);
            return ReconcileResult.Done;
        }

        if (ctx.Deployment.Spec.Strategy?.Type == "Recreate")
        {
            var selected = pods.List(key.Namespace).Where(p => Selectors.Matches(selector, p)).ToList();
            return await RecreateRollout.RunAsync(ctx, selected, ct);
        }

        return await RollingRollout.RunAsync(ctx, ct);
    }

    private async Task RefuseSelectAllAsync(V1Deployment d, CancellationToken ct)
    {
        services.Events.Record(d, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
        if ((d.Status?.ObservedGeneration ?? 0) < (d.Metadata.Generation ?? 0))
        {
            d.Status ??= new V1DeploymentStatus();
            d.Status.ObservedGeneration = d.Metadata.Generation;
            await services.Writer.UpdateDeploymentStatusAsync(d, ct);
        }
    }
}
