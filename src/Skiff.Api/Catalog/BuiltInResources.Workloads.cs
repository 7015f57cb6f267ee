using k8s.Models;

namespace Skiff.Api.Catalog;

public static partial class BuiltInResources
{
    private static IReadOnlyList<ResourceInfo> Apps =>
    [
        Entry("apps", "v1", "controllerrevisions", "ControllerRevision", true, typeof(V1ControllerRevision)),
        Entry(
            "apps", "v1", "daemonsets", "DaemonSet", true, typeof(V1DaemonSet), ["ds"], AllCategory,
            [SubresourceInfo.Status("DaemonSet")]),
        Entry(
            "apps", "v1", "deployments", "Deployment", true, typeof(V1Deployment), ["deploy"], AllCategory,
            [SubresourceInfo.Scale(), SubresourceInfo.Status("Deployment")]),
        Entry(
            "apps", "v1", "replicasets", "ReplicaSet", true, typeof(V1ReplicaSet), ["rs"], AllCategory,
            [SubresourceInfo.Scale(), SubresourceInfo.Status("ReplicaSet")]),
        Entry(
            "apps", "v1", "statefulsets", "StatefulSet", true, typeof(V1StatefulSet), ["sts"], AllCategory,
            [SubresourceInfo.Scale(), SubresourceInfo.Status("StatefulSet")]),
    ];

    private static IReadOnlyList<ResourceInfo> Batch =>
    [
        Entry("batch", "v1", "cronjobs", "CronJob", true, typeof(V1CronJob), ["cj"], AllCategory, [SubresourceInfo.Status("CronJob")]),
        Entry("batch", "v1", "jobs", "Job", true, typeof(V1Job), categories: AllCategory, subresources: [SubresourceInfo.Status("Job")]),
    ];

    // Both versions share one key space; upstream stores HorizontalPodAutoscalers as autoscaling/v2.
    private static IReadOnlyList<ResourceInfo> Autoscaling =>
    [
        Entry(
            "autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, typeof(V2HorizontalPodAutoscaler),
            ["hpa"], AllCategory, [SubresourceInfo.Status("HorizontalPodAutoscaler")]),
        Entry(
            "autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, typeof(V1HorizontalPodAutoscaler),
            ["hpa"], AllCategory, [SubresourceInfo.Status("HorizontalPodAutoscaler")], storageVersion: "v2"),
    ];
}
