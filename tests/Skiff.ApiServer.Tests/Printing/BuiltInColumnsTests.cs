using Skiff.ApiServer.Printing;

namespace Skiff.ApiServer.Tests.Printing;

public sealed class BuiltInColumnsTests
{
    // Column names as upstream declares them; names after '|' are the priority-1 (-o wide) columns.
    [Theory]
    [InlineData("", "Pod", "Name,Ready,Status,Restarts,Age|IP,Node,Nominated Node,Readiness Gates")]
    [InlineData("", "PodTemplate", "Name,Containers,Images,Pod Labels|")]
    [InlineData("", "ReplicationController", "Name,Desired,Current,Ready,Age|Containers,Images,Selector")]
    [InlineData("", "Service", "Name,Type,Cluster-IP,External-IP,Port(s),Age|Selector")]
    [InlineData("", "Endpoints", "Name,Endpoints,Age|")]
    [InlineData("", "Node", "Name,Status,Roles,Age,Version|Internal-IP,External-IP,OS-Image,Kernel-Version,Container-Runtime")]
    [InlineData("", "Namespace", "Name,Status,Age|")]
    [InlineData("", "Event", "Last Seen,Type,Reason,Object,Message|Subobject,Source,First Seen,Count,Name")]
    [InlineData("", "ConfigMap", "Name,Data,Age|")]
    [InlineData("", "Secret", "Name,Type,Data,Age|")]
    [InlineData("", "ServiceAccount", "Name,Secrets,Age|")]
    [InlineData("", "ResourceQuota", "Name,Request,Limit,Age|")]
    [InlineData("", "PersistentVolume", "Name,Capacity,Access Modes,Reclaim Policy,Status,Claim,StorageClass,VolumeAttributesClass,Reason,Age|VolumeMode")]
    [InlineData("", "PersistentVolumeClaim", "Name,Status,Volume,Capacity,Access Modes,StorageClass,VolumeAttributesClass,Age|VolumeMode")]
    [InlineData("apps", "Deployment", "Name,Ready,Up-to-date,Available,Age|Containers,Images,Selector")]
    [InlineData("apps", "ReplicaSet", "Name,Desired,Current,Ready,Age|Containers,Images,Selector")]
    [InlineData("apps", "StatefulSet", "Name,Ready,Age|Containers,Images")]
    [InlineData("apps", "DaemonSet", "Name,Desired,Current,Ready,Up-to-date,Available,Node Selector,Age|Containers,Images,Selector")]
    [InlineData("apps", "ControllerRevision", "Name,Controller,Revision,Age|")]
    [InlineData("batch", "Job", "Name,Status,Completions,Duration,Age|Containers,Images,Selector")]
    [InlineData("batch", "CronJob", "Name,Schedule,Timezone,Suspend,Active,Last Schedule,Age|Containers,Images,Selector")]
    [InlineData("autoscaling", "HorizontalPodAutoscaler", "Name,Reference,Targets,MinPods,MaxPods,Replicas,Age|")]
    [InlineData("policy", "PodDisruptionBudget", "Name,Min Available,Max Unavailable,Allowed Disruptions,Age|")]
    [InlineData("discovery.k8s.io", "EndpointSlice", "Name,AddressType,Ports,Endpoints,Age|")]
    [InlineData("networking.k8s.io", "Ingress", "Name,Class,Hosts,Address,Ports,Age|")]
    [InlineData("networking.k8s.io", "IngressClass", "Name,Controller,Parameters,Age|")]
    [InlineData("networking.k8s.io", "NetworkPolicy", "Name,Pod-Selector,Age|")]
    [InlineData("events.k8s.io", "Event", "Last Seen,Type,Reason,Object,Message|Subobject,Source,First Seen,Count,Name")]
    [InlineData("coordination.k8s.io", "Lease", "Name,Holder,Age|")]
    [InlineData("rbac.authorization.k8s.io", "RoleBinding", "Name,Role,Age|Users,Groups,ServiceAccounts")]
    [InlineData("rbac.authorization.k8s.io", "ClusterRoleBinding", "Name,Role,Age|Users,Groups,ServiceAccounts")]
    [InlineData("storage.k8s.io", "StorageClass", "Name,Provisioner,ReclaimPolicy,VolumeBindingMode,AllowVolumeExpansion,Age|")]
    [InlineData("storage.k8s.io", "VolumeAttachment", "Name,Attacher,PV,Node,Attached,Age|")]
    [InlineData("storage.k8s.io", "CSIDriver", "Name,AttachRequired,PodInfoOnMount,StorageCapacity,TokenRequests,RequiresRepublish,Modes,Age|")]
    [InlineData("storage.k8s.io", "CSINode", "Name,Drivers,Age|")]
    [InlineData("scheduling.k8s.io", "PriorityClass", "Name,Value,Global-Default,Age,PreemptionPolicy|")]
    [InlineData("node.k8s.io", "RuntimeClass", "Name,Handler,Age|")]
    [InlineData("certificates.k8s.io", "CertificateSigningRequest", "Name,Age,SignerName,Requestor,RequestedDuration,Condition|")]
    [InlineData("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "Name,Webhooks,Age|")]
    [InlineData("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "Name,Webhooks,Age|")]
    [InlineData("flowcontrol.apiserver.k8s.io", "FlowSchema", "Name,PriorityLevel,MatchingPrecedence,DistinguisherMethod,Age,MissingPL|")]
    [InlineData("rbac.authorization.k8s.io", "Role", "Name,Created At|")]
    [InlineData("rbac.authorization.k8s.io", "ClusterRole", "Name,Created At|")]
    [InlineData("", "LimitRange", "Name,Created At|")]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", "Name,Created At|")]
    [InlineData("storage.k8s.io", "CSIStorageCapacity", "Name,Created At|")]
    [InlineData("", "ComponentStatus", "Name,Status,Message,Error|")]
    [InlineData("apiregistration.k8s.io", "APIService", "Name,Service,Available,Age|")]
    public void Columns_MatchUpstreamNamesAndWideColumns(string group, string kind, string expected)
    {
        var columns = BuiltInPrinters.For(group, kind).Columns;

        var normal = string.Join(",", columns.Where(c => c.Priority == 0).Select(c => c.Name));
        var wide = string.Join(",", columns.Where(c => c.Priority > 0).Select(c => c.Name));
        Assert.Equal(expected, normal + "|" + wide);
    }

    [Fact]
    public void Columns_NameColumnIsFormattedAsName()
    {
        var name = BuiltInPrinters.For("apps", "Deployment").Columns[0];

        Assert.Equal(("Name", "string", "name", 0), (name.Name, name.Type, name.Format, name.Priority));
        Assert.StartsWith("Name must be unique within a namespace.", name.Description);
    }

    [Fact]
    public void Columns_TypesFollowUpstream()
    {
        var rc = BuiltInPrinters.For("", "ReplicationController").Columns;
        var cronJob = BuiltInPrinters.For("batch", "CronJob").Columns;
        var created = BuiltInPrinters.For("rbac.authorization.k8s.io", "Role").Columns[1];

        Assert.Equal("integer", rc[1].Type);
        Assert.Equal("boolean", cronJob.Single(c => c.Name == "Suspend").Type);
        Assert.Equal("date", created.Type);
        Assert.StartsWith("CreationTimestamp is a timestamp", created.Description);
    }

    [Fact]
    public void For_UnknownKind_UsesGenericPrinter()
    {
        Assert.Same(DefaultPrinter.Instance, BuiltInPrinters.For("example.com", "Widget"));
        Assert.False(BuiltInPrinters.HasPrinter("example.com", "Widget"));
        Assert.True(BuiltInPrinters.HasPrinter("", "Pod"));
    }
}
