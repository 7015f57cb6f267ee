namespace Skiff.Controllers.ReplicaSet;

/// <summary>One entry of status.conditions of a ReplicaSet or ReplicationController.</summary>
internal sealed record ReplicaCondition(string Type, string Status, DateTime? LastTransitionTime, string? Reason, string? Message);
