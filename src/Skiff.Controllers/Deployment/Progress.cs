using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>Upstream's judgements of a rollout: complete, progressing, timed out, and when to look again.</summary>
internal static class Progress
{
    /// <summary>A deadline is set and is not the "never" value (MaxInt32).</summary>
    public static bool HasDeadline(V1Deployment d) => d.Spec?.ProgressDeadlineSeconds is { } seconds && seconds != int.MaxValue;

    /// <summary>Every desired replica is updated and available, no old one is left, and this generation was seen.</summary>
    public static bool IsComplete(V1Deployment d, V1DeploymentStatus status)
    {
        var desired = Replicas.Desired(d);
        return (status.UpdatedReplicas ?? 0) == desired
            && (status.Replicas ?? 0) == desired
            && (status.AvailableReplicas ?? 0) == desired
            && (status.ObservedGeneration ?? 0) >= (d.Metadata.Generation ?? 0);
    }

    /// <summary>Something moved since the last status: more updated, ready or available replicas, or fewer old ones.</summary>
    public static bool IsProgressing(V1Deployment d, V1DeploymentStatus status)
    {
        var old = d.Status ?? new V1DeploymentStatus();
        var oldOldReplicas = (old.Replicas ?? 0) - (old.UpdatedReplicas ?? 0);
        var newOldReplicas = (status.Replicas ?? 0) - (status.UpdatedReplicas ?? 0);
        return (status.UpdatedReplicas ?? 0) > (old.UpdatedReplicas ?? 0)
            || newOldReplicas < oldOldReplicas
            || (status.ReadyReplicas ?? 0) > (old.ReadyReplicas ?? 0)
            || (status.AvailableReplicas ?? 0) > (old.AvailableReplicas ?? 0);
    }

    /// <summary>The Progressing condition was last moved more than the deadline ago (and the rollout had not completed).</summary>
    public static bool IsTimedOut(V1Deployment d, V1DeploymentStatus status, DateTime now)
    {
        if (!HasDeadline(d) || DeploymentConditions.Get(status, ConditionReasons.Progressing) is not { } condition)
        {
            return false;
        }

        // After a completed rollout there is nothing to time out until a new one starts.
        if (condition.Reason == ConditionReasons.NewReplicaSetAvailable)
        {
            return false;
        }

        if (condition.Reason == ConditionReasons.ProgressDeadlineExceeded)
        {
            return true;
        }

        return condition.LastUpdateTime is { } from && from.AddSeconds(d.Spec.ProgressDeadlineSeconds!.Value) < now;
    }

    /// <summary>
    /// When to check a rollout that shows no progress for its deadline: lastUpdateTime + deadline, plus a second
    /// against clock skew as upstream; null when there is nothing to wait for.
    /// </summary>
    public static TimeSpan? RecheckAfter(V1Deployment d, V1DeploymentStatus status, DateTime now)
    {
        if (!HasDeadline(d) || DeploymentConditions.Get(status, ConditionReasons.Progressing) is not { } condition)
        {
            return null;
        }

        if (IsComplete(d, status) || condition.Reason is ConditionReasons.ProgressDeadlineExceeded || condition.LastUpdateTime is null)
        {
            return null;
        }

        var after = condition.LastUpdateTime.Value.AddSeconds(d.Spec.ProgressDeadlineSeconds!.Value) - now;
        return after < TimeSpan.Zero ? TimeSpan.FromSeconds(1) : after + TimeSpan.FromSeconds(1);
    }
}
