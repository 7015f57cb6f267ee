using k8s.Models;

namespace Skiff.Api.Catalog;

public static partial class BuiltInResources
{
    private static string[] AllCategory => ["all"];

    private static IReadOnlyList<ResourceInfo> Core =>
    [
        CoreEntry("bindings", "Binding", true, typeof(V1Binding), verbs: CreateOnly, stored: false),
        CoreEntry("componentstatuses", "ComponentStatus", false, typeof(V1ComponentStatus), ["cs"], verbs: ["get", "list"], stored: false),
        CoreEntry("configmaps", "ConfigMap", true, typeof(V1ConfigMap), ["cm"]),
        CoreEntry("endpoints", "Endpoints", true, typeof(V1Endpoints), ["ep"]),
        CoreEntry("events", "Event", true, typeof(Corev1Event), ["ev"]),
        CoreEntry("limitranges", "LimitRange", true, typeof(V1LimitRange), ["limits"]),
        CoreEntry(
            "namespaces", "Namespace", false, typeof(V1Namespace), ["ns"],
            subresources: [new("finalize", "Namespace", ["update"]), SubresourceInfo.Status("Namespace")],
            // Namespaces are deleted one by one through the namespace lifecycle, so upstream serves no deletecollection.
            verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]),
        CoreEntry(
            "nodes", "Node", false, typeof(V1Node), ["no"],
            subresources: [new("proxy", "NodeProxyOptions", SubresourceInfo.ProxyVerbs), SubresourceInfo.Status("Node")]),
        CoreEntry(
            "persistentvolumeclaims", "PersistentVolumeClaim", true, typeof(V1PersistentVolumeClaim), ["pvc"],
            subresources: [SubresourceInfo.Status("PersistentVolumeClaim")]),
        CoreEntry(
            "persistentvolumes", "PersistentVolume", false, typeof(V1PersistentVolume), ["pv"],
            subresources: [SubresourceInfo.Status("PersistentVolume")]),
        CoreEntry(
            "pods", "Pod", true, typeof(V1Pod), ["po"], AllCategory,
            subresources:
            [
                new("attach", "PodAttachOptions", ["create", "get"]),
                new("binding", "Binding", CreateOnly),
                new("ephemeralcontainers", "Pod", SubresourceInfo.GetPatchUpdate),
                new("eviction", "Eviction", CreateOnly, "policy", "v1"),
                new("exec", "PodExecOptions", ["create", "get"]),
                new("log", "Pod", ["get"]),
                new("portforward", "PodPortForwardOptions", ["create", "get"]),
                new("proxy", "PodProxyOptions", SubresourceInfo.ProxyVerbs),
                new("resize", "Pod", SubresourceInfo.GetPatchUpdate),
                SubresourceInfo.Status("Pod"),
            ]),
        CoreEntry("podtemplates", "PodTemplate", true, typeof(V1PodTemplate)),
        CoreEntry(
            "replicationcontrollers", "ReplicationController", true, typeof(V1ReplicationController), ["rc"], AllCategory,
            subresources: [SubresourceInfo.Scale(), SubresourceInfo.Status("ReplicationController")]),
        CoreEntry(
            "resourcequotas", "ResourceQuota", true, typeof(V1ResourceQuota), ["quota"],
            subresources: [SubresourceInfo.Status("ResourceQuota")]),
        CoreEntry("secrets", "Secret", true, typeof(V1Secret)),
        CoreEntry(
            "serviceaccounts", "ServiceAccount", true, typeof(V1ServiceAccount), ["sa"],
            subresources: [new("token", "TokenRequest", CreateOnly, "authentication.k8s.io", "v1")]),
        CoreEntry(
            "services", "Service", true, typeof(V1Service), ["svc"], AllCategory,
            subresources: [new("proxy", "ServiceProxyOptions", SubresourceInfo.ProxyVerbs), SubresourceInfo.Status("Service")]),
    ];

    private static ResourceInfo CoreEntry(
        string resource,
        string kind,
        bool namespaced,
        Type model,
        IReadOnlyList<string>? shortNames = null,
        IReadOnlyList<string>? categories = null,
        IReadOnlyList<SubresourceInfo>? subresources = null,
        IReadOnlyList<string>? verbs = null,
        bool stored = true) =>
        Entry("", "v1", resource, kind, namespaced, model, shortNames, categories, subresources, verbs, stored: stored);
}
