using Skiff.ApiServer.Admission.Apps;
using Skiff.ApiServer.Admission.Batch;
using Skiff.ApiServer.Admission.Core;
using Skiff.ApiServer.Admission.Networking;
using Skiff.ApiServer.Admission.Rbac;
using Skiff.ApiServer.Admission.Scheduling;
using Skiff.ApiServer.Admission.Storage;

namespace Skiff.ApiServer.Admission;

/// <summary>The admission plugins of the built-in kinds, in the order the chain runs them.</summary>
public static class BuiltInAdmission
{
    public static IReadOnlyList<IAdmission> All() =>
    [
        new MetadataAdmission(),
        new NamespaceAdmission(),
        new PodAdmission(),
        new PodTemplateAdmission(),
        new ReplicationControllerAdmission(),
        new ServiceAdmission(),
        new ConfigMapAdmission(),
        new SecretAdmission(),
        new PersistentVolumeClaimAdmission(),
        new PersistentVolumeAdmission(),
        new EndpointsAdmission(),
        new DeploymentAdmission(),
        new ReplicaSetAdmission(),
        new StatefulSetAdmission(),
        new DaemonSetAdmission(),
        new JobAdmission(),
        new CronJobAdmission(),
        new RoleBindingAdmission("rolebindings"),
        new RoleBindingAdmission("clusterrolebindings"),
        new NetworkPolicyAdmission(),
        new StorageClassAdmission(),
        new PriorityClassAdmission(),
    ];
}
