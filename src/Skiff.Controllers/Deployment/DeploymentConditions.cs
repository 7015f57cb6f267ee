using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary>Reads and sets conditions on a DeploymentStatus with upstream's rules for when timestamps move.</summary>
internal static class DeploymentConditions
{
    public static V1DeploymentCondition New(string type, string status, string reason, string message, DateTime now) =>
        new()
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastUpdateTime = now,
            LastTransitionTime = now,
        };

    public static V1DeploymentCondition? Get(V1DeploymentStatus? status, string type) =>
        status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>
    /// Replaces the condition of that type unless status and reason are unchanged (then nothing moves, not even
    /// lastUpdateTime); a condition keeping its status keeps its lastTransitionTime. The set condition goes last.
    /// </summary>
    public static void Set(V1DeploymentStatus status, V1DeploymentCondition condition)
    {
        var current = Get(status, condition.Type);
        if (current is not null && current.Status == condition.Status && current.Reason == condition.Reason)
        {
            return;
        }

        if (current is not null && current.Status == condition.Status)
        {
            condition.LastTransitionTime = current.LastTransitionTime;
        }

        Remove(status, condition.Type);
        status.Conditions ??= [];
        status.Conditions.Add(condition);
    }

    public static void Remove(V1DeploymentStatus status, string type)
    {
        if (status.Conditions is null)
        {
            return;
        }

        status.Conditions = [.. status.Conditions.Where(c => c.Type != type)];
    }

    public static V1DeploymentCondition FromReplicaSet(V1ReplicaSetCondition condition) =>
        new()
        {
            Type = condition.Type,
            Status = condition.Status,
            Reason = condition.Reason,
            Message = condition.Message,
            LastTransitionTime = condition.LastTransitionTime,
            LastUpdateTime = condition.LastTransitionTime,
        };
}
