using k8s;
using k8s.Models;
using Skiff.Api.Selectors;
using Skiff.Client;

namespace Skiff.Controllers.ReplicaSet;

/// <summary>
/// A ReplicaSet or a ReplicationController reduced to what the shared reconciler needs, as upstream converts an RC
/// into an RS to run one sync loop for both.
/// </summary>
/// <param name="Selector">Null when the object's selector does not parse.</param>
internal sealed record ReplicaSetView(
    IKubernetesObject<V1ObjectMeta> Object,
    string ApiVersion,
    string Kind,
    int Replicas,
    int MinReadySeconds,
    LabelSelector? Selector,
    V1PodTemplateSpec? Template,
    ReplicaStatus Status)
{
    public string Namespace => Object.Metadata.NamespaceProperty ?? string.Empty;

    public string Name => Object.Metadata.Name ?? string.Empty;

    public string Uid => Object.Metadata.Uid ?? string.Empty;

    public long Generation => Object.Metadata.Generation ?? 0;

    public bool IsBeingDeleted => Object.Metadata.DeletionTimestamp is not null;

    public ObjectKey Key => ObjectKey.Of(Object);

    public V1OwnerReference ControllerReference() => new()
    {
        ApiVersion = ApiVersion,
        Kind = Kind,
        Name = Name,
        Uid = Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
