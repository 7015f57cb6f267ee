namespace Skiff.Controllers.Deployment;

/// <summary>Reasons of the Progressing, Available and ReplicaFailure conditions, and of rollback events, as upstream.</summary>
internal static class ConditionReasons
{
    public const string Progressing = "Progressing";

    public const string Available = "Available";

    public const string ReplicaFailure = "ReplicaFailure";

    public const string NewReplicaSetCreated = "NewReplicaSetCreated";

    public const string FoundNewReplicaSet = "FoundNewReplicaSet";

    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";

    public const string ReplicaSetUpdated = "ReplicaSetUpdated";

    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    public const string ReplicaSetCreateError = "ReplicaSetCreateError";

    public const string DeploymentPaused = "DeploymentPaused";

    public const string DeploymentResumed = "DeploymentResumed";

    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";

    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

    public const string RollbackDone = "DeploymentRollback";

    public const string RollbackRevisionNotFound = "DeploymentRollbackRevisionNotFound";

    public const string RollbackTemplateUnchanged = "DeploymentRollbackTemplateUnchanged";
}
