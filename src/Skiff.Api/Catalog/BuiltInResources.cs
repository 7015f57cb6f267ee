using k8s.Models;

namespace Skiff.Api.Catalog;

/// <summary>The resources kube-apiserver serves out of the box, with the facts its discovery lists.</summary>
public static class BuiltInResources
{
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    public static IReadOnlyList<ResourceInfo> All { get; } =
    [
        new()
        {
            Group = "", Version = "v1", Resource = "namespaces", Kind = "Namespace", SingularName = "namespace",
            Namespaced = false, ShortNames = ["ns"], ModelType = typeof(V1Namespace), StorageVersion = "v1",
            Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
            Subresources = [new("status", "Namespace", StatusVerbs), new("finalize", "Namespace", ["update"])],
        },
        new()
        {
            Group = "", Version = "v1", Resource = "configmaps", Kind = "ConfigMap", SingularName = "configmap",
            Namespaced = true, ShortNames = ["cm"], ModelType = typeof(V1ConfigMap), StorageVersion = "v1",
        },
        new()
        {
            Group = "", Version = "v1", Resource = "pods", Kind = "Pod", SingularName = "pod",
            Namespaced = true, ShortNames = ["po"], Categories = ["all"], ModelType = typeof(V1Pod), StorageVersion = "v1",
            Subresources =
            [
                new("status", "Pod", StatusVerbs),
                new("binding", "Binding", ["create"]),
                new("eviction", "Eviction", ["create"], "policy", "v1"),
                new("log", "Pod", ["get"]),
                new("exec", "PodExecOptions", ["create", "get"]),
                new("attach", "PodAttachOptions", ["create", "get"]),
                new("portforward", "PodPortForwardOptions", ["create", "get"]),
                new("proxy", "PodProxyOptions", ["create", "delete", "get", "patch", "update"]),
                new("ephemeralcontainers", "Pod", StatusVerbs),
                new("resize", "Pod", StatusVerbs),
            ],
        },
        new()
        {
            Group = "apps", Version = "v1", Resource = "deployments", Kind = "Deployment", SingularName = "deployment",
            Namespaced = true, ShortNames = ["deploy"], Categories = ["all"], ModelType = typeof(V1Deployment), StorageVersion = "v1",
            Subresources = [new("status", "Deployment", StatusVerbs), new("scale", "Scale", StatusVerbs, "autoscaling", "v1")],
        },
    ];
}
