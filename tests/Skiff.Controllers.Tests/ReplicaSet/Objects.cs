using k8s.Models;

namespace Skiff.Controllers.Tests.ReplicaSet;

/// <summary>Builders for the ReplicaSets and pods the tests put in fake listers.</summary>
internal static class Objects
{
    public const string Namespace = "default";

    public static V1ReplicaSet ReplicaSet(string name = "web", int replicas = 3, int minReadySeconds = 0, string? uid = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "ReplicaSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Uid = uid ?? name + "-uid", Generation = 1 },
        Spec = new V1ReplicaSetSpec
        {
            Replicas = replicas,
            MinReadySeconds = minReadySeconds,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta
                {
                    Labels = new Dictionary<string, string> { ["app"] = name, ["tier"] = "front" },
                    Annotations = new Dictionary<string, string> { ["note"] = "from-template" },
                },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
            },
        },
    };

    /// <summary>A pending, unscheduled pod; owned by <paramref name="owner"/> as its controller when given.</summary>
    public static V1Pod Pod(string name, V1ReplicaSet? owner = null, string app = "web", DateTime? created = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = Namespace,
            Uid = name + "-uid",
            CreationTimestamp = created ?? new DateTime(2026, 1, 1, 11, 0, 0, DateTimeKind.Utc),
            Labels = new Dictionary<string, string> { ["app"] = app, ["tier"] = "front" },
            OwnerReferences = owner is null
                ? null
                : [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, BlockOwnerDeletion = true, Controller = true }],
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        Status = new V1PodStatus { Phase = "Pending" },
    };

    public static V1Pod OnNode(this V1Pod pod, string node)
    {
        pod.Spec.NodeName = node;
        return pod;
    }

    public static V1Pod InPhase(this V1Pod pod, string phase)
    {
        pod.Status.Phase = phase;
        return pod;
    }

    /// <summary>Running on a node and Ready since <paramref name="since"/>.</summary>
    public static V1Pod ReadySince(this V1Pod pod, DateTime since, string node = "node-1")
    {
        pod.Spec.NodeName ??= node;
        pod.Status.Phase = "Running";
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = since }];
        return pod;
    }

    public static V1Pod Terminating(this V1Pod pod, DateTime at)
    {
        pod.Metadata.DeletionTimestamp = at;
        return pod;
    }

    public static V1Pod WithAnnotation(this V1Pod pod, string key, string value)
    {
        pod.Metadata.Annotations ??= new Dictionary<string, string>();
        pod.Metadata.Annotations[key] = value;
        return pod;
    }

    public static V1Pod WithRestarts(this V1Pod pod, int restarts)
    {
        pod.Status.ContainerStatuses = [new V1ContainerStatus { Name = "c", Image = "busybox", ImageID = string.Empty, RestartCount = restarts, Ready = true }];
        return pod;
    }
}
