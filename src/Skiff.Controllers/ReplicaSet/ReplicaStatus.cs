namespace Skiff.Controllers.ReplicaSet;

/// <summary>The status fields this controller owns, common to ReplicaSet and ReplicationController.</summary>
internal sealed record ReplicaStatus(
    int Replicas,
    int FullyLabeledReplicas,
    int ReadyReplicas,
    int AvailableReplicas,
    long ObservedGeneration,
    IReadOnlyList<ReplicaCondition> Conditions)
{
    public const string ReplicaFailure = "ReplicaFailure";

    public static ReplicaStatus Empty { get; } = new(0, 0, 0, 0, 0, []);

    public ReplicaCondition? Condition(string type) => Conditions.FirstOrDefault(c => c.Type == type);

    /// <summary>Field-by-field equality, conditions included (records compare lists by reference).</summary>
    public bool SameAs(ReplicaStatus other) =>
        Replicas == other.Replicas
        && FullyLabeledReplicas == other.FullyLabeledReplicas
        && ReadyReplicas == other.ReadyReplicas
        && AvailableReplicas == other.AvailableReplicas
        && ObservedGeneration == other.ObservedGeneration
        && Conditions.SequenceEqual(other.Conditions);
}
