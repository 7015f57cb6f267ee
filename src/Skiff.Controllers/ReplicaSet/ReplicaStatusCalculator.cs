using k8s.Models;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>The status a ReplicaSet should show for the pods it owns, as upstream's calculateStatus.</summary>
internal static class ReplicaStatusCalculator
{
    public const string FailedCreate = "FailedCreate";
    public const string FailedDelete = "FailedDelete";

    /// <param name="pods">The active pods the owner controls, as they were before this sync created or deleted any.</param>
    /// <param name="manageError">The failure of this sync's creates or deletes, if any.</param>
    public static ReplicaStatus Compute(ReplicaSetView owner, IReadOnlyList<V1Pod> pods, Exception? manageError, DateTime now)
    {
        var templateLabels = owner.Template?.Metadata?.Labels ?? new Dictionary<string, string>();
        var fullyLabeled = pods.Count(p => templateLabels.All(kv => p.Metadata?.Labels?.TryGetValue(kv.Key, out var v) == true && v == kv.Value));
        var ready = pods.Count(PodState.IsReady);
        var available = pods.Count(p => PodState.IsAvailable(p, owner.MinReadySeconds, now));

        var conditions = owner.Status.Conditions.ToList();
        var failure = owner.Status.Condition(ReplicaStatus.ReplicaFailure);
        if (manageError is not null && failure is null)
        {
            // The reason says which way the sync was going; an existing condition keeps its first message, as upstream.
            var reason = pods.Count - owner.Replicas < 0 ? FailedCreate : FailedDelete;
            conditions.Add(new ReplicaCondition(ReplicaStatus.ReplicaFailure, "True", now, reason, manageError.Message));
        }
        else if (manageError is null && failure is not null)
        {
            conditions.Remove(failure);
        }

        return new ReplicaStatus(pods.Count, fullyLabeled, ready, available, owner.Generation, conditions);
    }

    /// <summary>When the next ready pod becomes available; null when none is waiting out minReadySeconds.</summary>
    public static TimeSpan? UntilNextAvailable(ReplicaSetView owner, IReadOnlyList<V1Pod> pods, DateTime now)
    {
        if (owner.MinReadySeconds == 0)
        {
            return null;
        }

        var waits = pods
            .Where(p => !PodState.IsAvailable(p, owner.MinReadySeconds, now))
            .Select(PodState.ReadySince)
            .OfType<DateTime>()
            .Select(since => since.AddSeconds(owner.MinReadySeconds) - now)
            .ToList();

        // Available means strictly later than readySince + minReadySeconds: wake just past that instant.
        return waits.Count == 0 ? null : TimeSpan.FromTicks(Math.Max(waits.Min().Ticks, 0)) + TimeSpan.FromMilliseconds(1);
    }
}
