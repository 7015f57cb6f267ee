using k8s.Models;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.Deployment;

/// <summary>Computes and writes Deployment status: counts, the Available condition and, for rollouts, Progressing.</summary>
internal static class RolloutStatus
{
    public static V1DeploymentStatus Calculate(V1Deployment d, IReadOnlyList<V1ReplicaSet?> all, V1ReplicaSet? newSet, DateTime now)
    {
        var available = Replicas.AvailableTotal(all);
        var unavailable = Math.Max(0, Replicas.SpecTotal(all) - available);
        var status = new V1DeploymentStatus
        {
            ObservedGeneration = d.Metadata.Generation,
            Replicas = OmitZero(Replicas.ActualTotal(all)),
            UpdatedReplicas = OmitZero(Replicas.ActualTotal([newSet])),
            ReadyReplicas = OmitZero(Replicas.ReadyTotal(all)),
            AvailableReplicas = OmitZero(available),
            UnavailableReplicas = OmitZero(unavailable),
            CollisionCount = d.Status?.CollisionCount,
            Conditions = d.Status?.Conditions is { } conditions ? [.. conditions.Select(ModelCopy.Of)] : null,
        };

        if (available >= Replicas.Desired(d) - Fenceposts.MaxUnavailable(d))
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(
                ConditionReasons.Available, "True", ConditionReasons.MinimumReplicasAvailable, "Deployment has minimum availability.", now));
        }
        else
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(
                ConditionReasons.Available, "False", ConditionReasons.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", now));
        }

        return status;
    }

    /// <summary>Status without progress estimation: for scaling, paused and deleted Deployments.</summary>
    public static async Task SyncAsync(RolloutContext ctx, V1ReplicaSet? newSet, CancellationToken ct)
    {
        var status = Calculate(ctx.Deployment, [.. ctx.ReplicaSets], newSet, ctx.Now);
        await WriteIfChangedAsync(ctx, status, ct);
    }

    /// <summary>Status of a rollout, with the Progressing condition and a recheck at the progress deadline.</summary>
    public static async Task<ReconcileResult> SyncRolloutAsync(RolloutContext ctx, V1ReplicaSet? newSet, CancellationToken ct)
    {
        var d = ctx.Deployment;
        var now = ctx.Now;
        var status = Calculate(d, [.. ctx.ReplicaSets], newSet, now);
        if (!Progress.HasDeadline(d))
        {
            DeploymentConditions.Remove(status, ConditionReasons.Progressing);
        }

        var current = DeploymentConditions.Get(d.Status, ConditionReasons.Progressing);
        var alreadyComplete = status.Replicas == status.UpdatedReplicas && current?.Reason == ConditionReasons.NewReplicaSetAvailable;
        if (Progress.HasDeadline(d) && !alreadyComplete)
        {
            SetProgressing(d, status, current, newSet, now);
        }

        var failure = ReplicaFailure(ctx.ReplicaSets, newSet);
        if (failure is not null)
        {
            DeploymentConditions.Set(status, failure);
        }
        else
        {
            DeploymentConditions.Remove(status, ConditionReasons.ReplicaFailure);
        }

        await WriteIfChangedAsync(ctx, status, ct);
        return Progress.RecheckAfter(ctx.Deployment, ctx.Status, now) is { } after ? ReconcileResult.After(after) : ReconcileResult.Done;
    }

    /// <summary>Records pause and resume in the Progressing condition, unless the rollout already timed out.</summary>
    public static async Task CheckPausedAsync(RolloutContext ctx, CancellationToken ct)
    {
        var d = ctx.Deployment;
        if (!Progress.HasDeadline(d))
        {
            return;
        }

        var current = DeploymentConditions.Get(d.Status, ConditionReasons.Progressing);
        if (current?.Reason == ConditionReasons.ProgressDeadlineExceeded)
        {
            return;
        }

        var pausedRecorded = current?.Reason == ConditionReasons.DeploymentPaused;
        var paused = d.Spec.Paused == true;
        if (paused == pausedRecorded)
        {
            return;
        }

        var condition = paused
            ? DeploymentConditions.New(ConditionReasons.Progressing, "Unknown", ConditionReasons.DeploymentPaused, "Deployment is paused", ctx.Now)
            : DeploymentConditions.New(ConditionReasons.Progressing, "Unknown", ConditionReasons.DeploymentResumed, "Deployment is resumed", ctx.Now);
        DeploymentConditions.Set(ctx.Status, condition);
        await ctx.UpdateStatusAsync(ct);
    }

    private static void SetProgressing(V1Deployment d, V1DeploymentStatus status, V1DeploymentCondition? current, V1ReplicaSet? newSet, DateTime now)
    {
        if (Progress.IsComplete(d, status))
        {
            var message = newSet is null
                ? $"Deployment \"{d.Metadata.Name}\" has successfully progressed."
                : $"ReplicaSet \"{newSet.Metadata.Name}\" has successfully progressed.";
            DeploymentConditions.Set(status, DeploymentConditions.New(
                ConditionReasons.Progressing, "True", ConditionReasons.NewReplicaSetAvailable, message, now));
        }
        else if (Progress.IsProgressing(d, status))
        {
            var message = newSet is null
                ? $"Deployment \"{d.Metadata.Name}\" is progressing."
                : $"ReplicaSet \"{newSet.Metadata.Name}\" is progressing.";
            var condition = DeploymentConditions.New(ConditionReasons.Progressing, "True", ConditionReasons.ReplicaSetUpdated, message, now);

            // Progress moves lastUpdateTime even when the reason stays, which the generic setter would not do.
            if (current is not null)
            {
                if (current.Status == "True")
                {
                    condition.LastTransitionTime = current.LastTransitionTime;
                }

                DeploymentConditions.Remove(status, ConditionReasons.Progressing);
            }

            DeploymentConditions.Set(status, condition);
        }
        else if (Progress.IsTimedOut(d, status, now))
        {
            var message = newSet is null
                ? $"Deployment \"{d.Metadata.Name}\" has timed out progressing."
                : $"ReplicaSet \"{newSet.Metadata.Name}\" has timed out progressing.";
            DeploymentConditions.Set(status, DeploymentConditions.New(
                ConditionReasons.Progressing, "False", ConditionReasons.ProgressDeadlineExceeded, message, now));
        }
    }

    /// <summary>The new set's ReplicaFailure condition, else the first old set's: upstream reports one.</summary>
    private static V1DeploymentCondition? ReplicaFailure(IEnumerable<V1ReplicaSet> all, V1ReplicaSet? newSet)
    {
        var fromNew = newSet?.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionReasons.ReplicaFailure);
        var found = fromNew ?? all.SelectMany(rs => rs.Status?.Conditions ?? []).FirstOrDefault(c => c.Type == ConditionReasons.ReplicaFailure);
        return found is null ? null : DeploymentConditions.FromReplicaSet(found);
    }

    private static async Task WriteIfChangedAsync(RolloutContext ctx, V1DeploymentStatus status, CancellationToken ct)
    {
        if (CanonicalJson.Of(ctx.Deployment.Status) == CanonicalJson.Of(status))
        {
            return;
        }

        ctx.Deployment.Status = status;
        await ctx.UpdateStatusAsync(ct);
    }

    /// <summary>Upstream's status counters are omitempty: a zero is simply absent.</summary>
    private static int? OmitZero(int value) => value == 0 ? null : value;
}
