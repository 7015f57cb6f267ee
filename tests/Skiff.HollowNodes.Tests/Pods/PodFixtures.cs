using k8s.Models;

namespace Skiff.HollowNodes.Tests.Pods;

internal static class PodFixtures
{
    public static V1Pod Pod(Dictionary<string, string>? annotations = null, string? ownerKind = null, string restartPolicy = "Always") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "p",
            NamespaceProperty = "ns",
            Uid = "uid-1",
            Annotations = annotations,
            OwnerReferences = ownerKind is null ? null : [new V1OwnerReference { ApiVersion = "batch/v1", Kind = ownerKind, Name = "o", Uid = "o-uid" }],
        },
        Spec = new V1PodSpec
        {
            NodeName = "hollow-0",
            RestartPolicy = restartPolicy,
            InitContainers = [new V1Container { Name = "init", Image = "busybox" }],
            Containers = [new V1Container { Name = "app", Image = "nginx:1" }, new V1Container { Name = "side", Image = "envoy" }],
        },
    };
}
