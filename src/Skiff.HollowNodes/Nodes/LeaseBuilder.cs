using k8s.Models;

namespace Skiff.HollowNodes.Nodes;

/// <summary>The node Lease a kubelet keeps in kube-node-lease: named after the node, owned by it.</summary>
internal static class LeaseBuilder
{
    public const string Namespace = "kube-node-lease";

    public static V1Lease Lease(string nodeName, string? nodeUid, string? resourceVersion, TimeSpan duration, DateTimeOffset now) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta
        {
            Name = nodeName,
            NamespaceProperty = Namespace,
            ResourceVersion = resourceVersion,
            OwnerReferences = nodeUid is null
                ? null
                : [new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid }],
        },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = nodeName,
            LeaseDurationSeconds = (int)duration.TotalSeconds,
            RenewTime = now.UtcDateTime,
        },
    };
}
