using Skiff.ApiServer.Printing.Printers;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// The printers kube-apiserver registers for built-in kinds, keyed by API group and kind.
/// Kinds not listed here (Role, ClusterRole, LimitRange, CustomResourceDefinition, ...) get the
/// generic Name / Created At table, as upstream. CSIStorageCapacity has a printer upstream that its
/// storage never uses, so it is generic too.
/// </summary>
internal static class BuiltInPrinters
{
    private static readonly Dictionary<(string Group, string Kind), ITablePrinter> ByKind = new()
    {
        [("", "Pod")] = PodPrinter.Printer,
        [("", "PodTemplate")] = WorkloadPrinters.PodTemplate,
        [("", "ReplicationController")] = WorkloadPrinters.ReplicationController,
        [("", "Service")] = NetworkPrinters.Service,
        [("", "Endpoints")] = NetworkPrinters.Endpoints,
        [("", "Node")] = ClusterPrinters.Node,
        [("", "Namespace")] = ClusterPrinters.Namespace,
        [("", "Event")] = EventPrinter.Core,
        [("", "ConfigMap")] = ConfigPrinters.ConfigMap,
        [("", "Secret")] = ConfigPrinters.Secret,
        [("", "ServiceAccount")] = ConfigPrinters.ServiceAccount,
        [("", "ResourceQuota")] = ConfigPrinters.ResourceQuota,
        [("", "ComponentStatus")] = ControlPlanePrinters.ComponentStatus,
        [("", "PersistentVolume")] = StoragePrinters.PersistentVolume,
        [("", "PersistentVolumeClaim")] = StoragePrinters.PersistentVolumeClaim,
        [("apps", "ReplicaSet")] = WorkloadPrinters.ReplicaSet,
        [("apps", "Deployment")] = WorkloadPrinters.Deployment,
        [("apps", "StatefulSet")] = WorkloadPrinters.StatefulSet,
        [("apps", "DaemonSet")] = WorkloadPrinters.DaemonSet,
        [("apps", "ControllerRevision")] = WorkloadPrinters.ControllerRevision,
        [("batch", "Job")] = BatchPrinters.Job,
        [("batch", "CronJob")] = BatchPrinters.CronJob,
        [("autoscaling", "HorizontalPodAutoscaler")] = ConfigPrinters.HorizontalPodAutoscaler,
        [("autoscaling", "Scale")] = ConfigPrinters.Scale,
        [("policy", "PodDisruptionBudget")] = ConfigPrinters.PodDisruptionBudget,
        [("discovery.k8s.io", "EndpointSlice")] = NetworkPrinters.EndpointSlice,
        [("networking.k8s.io", "Ingress")] = NetworkPrinters.Ingress,
        [("networking.k8s.io", "IngressClass")] = NetworkPrinters.IngressClass,
        [("networking.k8s.io", "NetworkPolicy")] = NetworkPrinters.NetworkPolicy,
        [("networking.k8s.io", "ServiceCIDR")] = NetworkPrinters.ServiceCidr,
        [("networking.k8s.io", "IPAddress")] = NetworkPrinters.IpAddress,
        [("events.k8s.io", "Event")] = EventPrinter.EventsGroup,
        [("coordination.k8s.io", "Lease")] = ClusterPrinters.Lease,
        [("rbac.authorization.k8s.io", "RoleBinding")] = RbacPrinters.RoleBinding,
        [("rbac.authorization.k8s.io", "ClusterRoleBinding")] = RbacPrinters.ClusterRoleBinding,
        [("storage.k8s.io", "StorageClass")] = StoragePrinters.StorageClassPrinter,
        [("storage.k8s.io", "VolumeAttachment")] = StoragePrinters.VolumeAttachment,
        [("storage.k8s.io", "CSIDriver")] = StoragePrinters.CsiDriver,
        [("storage.k8s.io", "CSINode")] = StoragePrinters.CsiNode,
        [("storage.k8s.io", "VolumeAttributesClass")] = StoragePrinters.VolumeAttributesClass,
        [("scheduling.k8s.io", "PriorityClass")] = ClusterPrinters.PriorityClass,
        [("node.k8s.io", "RuntimeClass")] = ClusterPrinters.RuntimeClass,
        [("certificates.k8s.io", "CertificateSigningRequest")] = ClusterPrinters.CertificateSigningRequest,
        [("admissionregistration.k8s.io", "MutatingWebhookConfiguration")] = ClusterPrinters.MutatingWebhookConfiguration,
        [("admissionregistration.k8s.io", "ValidatingWebhookConfiguration")] = ClusterPrinters.ValidatingWebhookConfiguration,
        [("flowcontrol.apiserver.k8s.io", "FlowSchema")] = ClusterPrinters.FlowSchema,
        [("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration")] = ClusterPrinters.PriorityLevelConfiguration,
        [("apiregistration.k8s.io", "APIService")] = ControlPlanePrinters.ApiService,
    };

    /// <summary>The printer for a built-in kind, or the generic Name / Created At printer.</summary>
    public static ITablePrinter For(string group, string kind) =>
        ByKind.TryGetValue((group, kind), out var printer) ? printer : DefaultPrinter.Instance;

    /// <summary>The kinds with a dedicated printer.</summary>
    public static IReadOnlyCollection<(string Group, string Kind)> Kinds => ByKind.Keys;

    /// <summary>True when upstream has a dedicated printer for this kind.</summary>
    public static bool HasPrinter(string group, string kind) => ByKind.ContainsKey((group, kind));
}
