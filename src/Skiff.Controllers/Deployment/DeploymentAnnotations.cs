namespace Skiff.Controllers.Deployment;

/// <summary>The annotation and label keys the deployment controller reads and writes, spelled as upstream.</summary>
internal static class DeploymentAnnotations
{
    public const string Revision = "deployment.kubernetes.io/revision";

    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";

    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";

    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";

    public const string ChangeCause = "kubernetes.io/change-cause";

    /// <summary>Where apps/v1 keeps the rollbackTo field that extensions/v1beta1 had; honoured for old clients.</summary>
    public const string DeprecatedRollbackTo = "deprecated.deployment.rollback.to";

    public const string LastAppliedConfig = "kubectl.kubernetes.io/last-applied-configuration";

    public const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>Upstream caps revision-history at this many characters, dropping the oldest entries first.</summary>
    public const int MaxRevisionHistoryChars = 2000;

    /// <summary>Deployment annotations that are the controller's own bookkeeping and never copied to or from a ReplicaSet.</summary>
    public static bool IsSkipped(string key) =>
        key is LastAppliedConfig or Revision or RevisionHistory or DesiredReplicas or MaxReplicas or DeprecatedRollbackTo;
}
