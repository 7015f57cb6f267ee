using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the core/v1 types, as upstream declares them.</summary>
internal static class CoreFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicStruct<Corev1EndpointPort>();

        t.AtomicList<V1Capabilities>("add");
        t.AtomicList<V1Capabilities>("drop");

        t.AtomicList<V1CephFSPersistentVolumeSource>("monitors");

        t.AtomicList<V1CephFSVolumeSource>("monitors");

        t.MapList<V1ComponentStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.AtomicStruct<V1ConfigMapKeySelector>();

        t.AtomicList<V1ConfigMapProjection>("items");

        t.AtomicList<V1ConfigMapVolumeSource>("items");

        t.AtomicList<V1Container>("args");
        t.AtomicList<V1Container>("command");
        t.MapList<V1Container>("env", ["name"], patch: Merge, mergeKey: "name");
        t.AtomicList<V1Container>("envFrom");
        t.MapList<V1Container>("ports", ["containerPort", "protocol"], patch: Merge, mergeKey: "containerPort");
        t.AtomicList<V1Container>("resizePolicy");
        t.AtomicList<V1Container>("restartPolicyRules");
        t.MapList<V1Container>("volumeDevices", ["devicePath"], patch: Merge, mergeKey: "devicePath");
        t.MapList<V1Container>("volumeMounts", ["mountPath"], patch: Merge, mergeKey: "mountPath");

        t.AtomicList<V1ContainerImage>("names");

        t.SetList<V1ContainerRestartRuleOnExitCodes>("values");

        t.MapList<V1ContainerStatus>("allocatedResourcesStatus", ["name"], patch: Merge, mergeKey: "name");
        t.MapList<V1ContainerStatus>("volumeMounts", ["mountPath"], patch: Merge, mergeKey: "mountPath");

        t.AtomicList<V1DownwardAPIProjection>("items");

        t.AtomicList<V1DownwardAPIVolumeSource>("items");

        t.AtomicStruct<V1EndpointAddress>();

        t.AtomicList<V1EndpointSubset>("addresses");
        t.AtomicList<V1EndpointSubset>("notReadyAddresses");
        t.AtomicList<V1EndpointSubset>("ports");

        t.AtomicList<V1Endpoints>("subsets");

        t.AtomicList<V1EphemeralContainer>("args");
        t.AtomicList<V1EphemeralContainer>("command");
        t.MapList<V1EphemeralContainer>("env", ["name"], patch: Merge, mergeKey: "name");
        t.AtomicList<V1EphemeralContainer>("envFrom");
        t.MapList<V1EphemeralContainer>("ports", ["containerPort", "protocol"], patch: Merge, mergeKey: "containerPort");
        t.AtomicList<V1EphemeralContainer>("resizePolicy");
        t.AtomicList<V1EphemeralContainer>("restartPolicyRules");
        t.MapList<V1EphemeralContainer>("volumeDevices", ["devicePath"], patch: Merge, mergeKey: "devicePath");
        t.MapList<V1EphemeralContainer>("volumeMounts", ["mountPath"], patch: Merge, mergeKey: "mountPath");

        t.AtomicStruct<V1EvictionResponder>();

        t.AtomicList<V1ExecAction>("command");

        t.AtomicList<V1FCVolumeSource>("targetWWNs");
        t.AtomicList<V1FCVolumeSource>("wwids");

        t.AtomicStruct<V1FileKeySelector>();

        t.AtomicList<V1HTTPGetAction>("httpHeaders");

        t.AtomicList<V1HostAlias>("hostnames");

        t.AtomicList<V1ISCSIPersistentVolumeSource>("portals");

        t.AtomicList<V1ISCSIVolumeSource>("portals");

        t.AtomicList<V1LimitRangeSpec>("limits");

        t.AtomicList<V1LinuxContainerUser>("supplementalGroups");

        t.AtomicList<V1LoadBalancerIngress>("ports");

        t.AtomicList<V1LoadBalancerStatus>("ingress");

        t.AtomicStruct<V1LocalObjectReference>();

        t.AtomicList<V1NamespaceSpec>("finalizers");

        t.MapList<V1NamespaceStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.AtomicList<V1NodeAffinity>("preferredDuringSchedulingIgnoredDuringExecution");

        t.SetList<V1NodeAllocatableResourceClaimStatus>("containers");
        t.MapList<V1NodeAllocatableResourceClaimStatus>("mapping", ["name"], patch: Merge, mergeKey: "name");
        t.MapList<V1NodeAllocatableResourceClaimStatus>("overhead", ["name"], patch: Merge, mergeKey: "name");

        t.SetList<V1NodePodPreemptionPolicy>("disableResizePreemption");

        t.AtomicStruct<V1NodeSelector>();
        t.AtomicList<V1NodeSelector>("nodeSelectorTerms");

        t.AtomicList<V1NodeSelectorRequirement>("values");

        t.AtomicStruct<V1NodeSelectorTerm>();
        t.AtomicList<V1NodeSelectorTerm>("matchExpressions");
        t.AtomicList<V1NodeSelectorTerm>("matchFields");

        t.SetList<V1NodeSpec>("podCIDRs", patch: Merge);
        t.AtomicList<V1NodeSpec>("taints");

        t.MapList<V1NodeStatus>("addresses", ["type"], patch: Merge, mergeKey: "type");
        t.MapList<V1NodeStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
        t.AtomicList<V1NodeStatus>("declaredFeatures");
        t.AtomicList<V1NodeStatus>("images");
        t.AtomicList<V1NodeStatus>("runtimeHandlers");
        t.AtomicList<V1NodeStatus>("volumesAttached");
        t.AtomicList<V1NodeStatus>("volumesInUse");

        t.AtomicStruct<V1ObjectFieldSelector>();

        t.AtomicStruct<V1ObjectReference>();

        t.AtomicList<V1PersistentVolumeClaimSpec>("accessModes");

        t.AtomicList<V1PersistentVolumeClaimStatus>("accessModes");
        t.GranularMap<V1PersistentVolumeClaimStatus>("allocatedResourceStatuses");
        t.MapList<V1PersistentVolumeClaimStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.AtomicList<V1PersistentVolumeSpec>("accessModes");
        t.GranularMap<V1PersistentVolumeSpec>("claimRef");
        t.AtomicList<V1PersistentVolumeSpec>("mountOptions");

        t.AtomicList<V1PodAffinity>("preferredDuringSchedulingIgnoredDuringExecution");
        t.AtomicList<V1PodAffinity>("requiredDuringSchedulingIgnoredDuringExecution");

        t.AtomicList<V1PodAffinityTerm>("matchLabelKeys");
        t.AtomicList<V1PodAffinityTerm>("mismatchLabelKeys");
        t.AtomicList<V1PodAffinityTerm>("namespaces");

        t.AtomicList<V1PodAntiAffinity>("preferredDuringSchedulingIgnoredDuringExecution");
        t.AtomicList<V1PodAntiAffinity>("requiredDuringSchedulingIgnoredDuringExecution");

        t.AtomicList<V1PodDNSConfig>("nameservers");
        t.AtomicList<V1PodDNSConfig>("options");
        t.AtomicList<V1PodDNSConfig>("searches");

        t.AtomicList<V1PodExtendedResourceClaimStatus>("requestMappings");

        t.AtomicList<V1PodSecurityContext>("supplementalGroups");
        t.AtomicList<V1PodSecurityContext>("sysctls");

        t.MapList<V1PodSpec>("containers", ["name"], patch: Merge, mergeKey: "name");
        t.MapList<V1PodSpec>("ephemeralContainers", ["name"], patch: Merge, mergeKey: "name");
        t.MapList<V1PodSpec>("evictionResponders", ["name"], patch: Merge, mergeKey: "name");
        t.MapList<V1PodSpec>("hostAliases", ["ip"], patch: Merge, mergeKey: "ip");
        t.MapList<V1PodSpec>("imagePullSecrets", ["name"], patch: Merge, mergeKey: "name");
        t.MapList<V1PodSpec>("initContainers", ["name"], patch: Merge, mergeKey: "name");
        t.AtomicMap<V1PodSpec>("nodeSelector");
        t.AtomicList<V1PodSpec>("readinessGates");
        t.MapList<V1PodSpec>("resourceClaims", ["name"], patch: Merge | RetainKeys, mergeKey: "name");
        t.MapList<V1PodSpec>("schedulingGates", ["name"], patch: Merge, mergeKey: "name");
        t.AtomicList<V1PodSpec>("tolerations");
        t.MapList<V1PodSpec>("topologySpreadConstraints", ["topologyKey", "whenUnsatisfiable"], patch: Merge, mergeKey: "topologyKey");
        t.MapList<V1PodSpec>("volumes", ["name"], patch: Merge | RetainKeys, mergeKey: "name");

        t.MapList<V1PodStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
        t.AtomicList<V1PodStatus>("containerStatuses");
        t.AtomicList<V1PodStatus>("ephemeralContainerStatuses");
        t.AtomicList<V1PodStatus>("hostIPs", patch: Merge, mergeKey: "ip");
        t.AtomicList<V1PodStatus>("initContainerStatuses");
        t.MapList<V1PodStatus>("nodeAllocatableResourceClaimStatuses", ["resourceClaimName"], patch: Merge, mergeKey: "resourceClaimName");
        t.MapList<V1PodStatus>("podIPs", ["ip"], patch: Merge, mergeKey: "ip");
        t.MapList<V1PodStatus>("resourceClaimStatuses", ["name"], patch: Merge | RetainKeys, mergeKey: "name");
        t.MapList<V1PodStatus>("volumeHealth", ["name"]);

        t.MapList<V1PodVolumeHealth>("healthConditions", ["status", "reason"], patch: Merge, mergeKey: "status");

        t.AtomicList<V1ProjectedVolumeSource>("sources");

        t.AtomicList<V1RBDPersistentVolumeSource>("monitors");

        t.AtomicList<V1RBDVolumeSource>("monitors");

        t.AtomicMap<V1ReplicationControllerSpec>("selector");

        t.MapList<V1ReplicationControllerStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.AtomicStruct<V1ResourceFieldSelector>();

        t.AtomicList<V1ResourceQuotaSpec>("scopes");

        t.MapList<V1ResourceRequirements>("claims", ["name"]);

        t.MapList<V1ResourceStatus>("resources", ["resourceID"]);

        t.AtomicStruct<V1ScopeSelector>();
        t.AtomicList<V1ScopeSelector>("matchExpressions");

        t.AtomicList<V1ScopedResourceSelectorRequirement>("values");

        t.AtomicStruct<V1SecretKeySelector>();

        t.AtomicList<V1SecretProjection>("items");

        t.AtomicStruct<V1SecretReference>();

        t.AtomicList<V1SecretVolumeSource>("items");

        t.AtomicList<V1ServiceAccount>("imagePullSecrets");
        t.MapList<V1ServiceAccount>("secrets", ["name"], patch: Merge, mergeKey: "name");

        t.AtomicList<V1ServiceSpec>("clusterIPs");
        t.AtomicList<V1ServiceSpec>("externalIPs");
        t.AtomicList<V1ServiceSpec>("ipFamilies");
        t.AtomicList<V1ServiceSpec>("loadBalancerSourceRanges");
        t.MapList<V1ServiceSpec>("ports", ["port", "protocol"], patch: Merge, mergeKey: "port");
        t.AtomicMap<V1ServiceSpec>("selector");

        t.MapList<V1ServiceStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.AtomicList<V1TopologySelectorLabelRequirement>("values");

        t.AtomicStruct<V1TopologySelectorTerm>();
        t.AtomicList<V1TopologySelectorTerm>("matchLabelExpressions");

        t.AtomicList<V1TopologySpreadConstraint>("matchLabelKeys");

        t.AtomicStruct<V1TypedLocalObjectReference>();

        t.MapList<V1VolumeHealthStatus>("healthConditions", ["status", "reason"], patch: Merge, mergeKey: "status");

        t.SetList<V1VolumeMount>("bindMountOptions");
    }
}
