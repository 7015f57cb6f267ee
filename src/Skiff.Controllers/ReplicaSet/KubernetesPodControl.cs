using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skiff.Client;

namespace Skiff.Controllers.ReplicaSet;

/// <summary><see cref="IPodControl"/> over the API server.</summary>
internal sealed class KubernetesPodControl(IKubernetes client, IReplicaKind kind) : IPodControl
{
    public Task<V1Pod> CreatePodAsync(V1Pod pod, CancellationToken ct) =>
        client.CoreV1.CreateNamespacedPodAsync(pod, pod.Metadata.NamespaceProperty, cancellationToken: ct);

    public Task DeletePodAsync(V1Pod pod, CancellationToken ct) =>
        client.CoreV1.DeleteNamespacedPodAsync(
            pod.Metadata.Name,
            pod.Metadata.NamespaceProperty,
            new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } },
            cancellationToken: ct);

    public Task AdoptPodAsync(V1Pod pod, V1OwnerReference owner, CancellationToken ct)
    {
        // The pod's uid in the patch makes it fail if the pod was replaced by a namesake since we listed it, as upstream.
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = owner.ApiVersion,
                    ["kind"] = owner.Kind,
                    ["name"] = owner.Name,
                    ["uid"] = owner.Uid,
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
                ["uid"] = pod.Metadata.Uid,
            },
        };
        return PatchAsync(pod, patch, ct);
    }

    public Task ReleasePodAsync(V1Pod pod, string ownerUid, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["ownerReferences"] = new JsonArray(new JsonObject { ["$patch"] = "delete", ["uid"] = ownerUid }),
                ["uid"] = pod.Metadata.Uid,
            },
        };
        return PatchAsync(pod, patch, ct);
    }

    public Task<ReplicaSetView?> ReadOwnerAsync(ObjectKey key, CancellationToken ct) => kind.ReadAsync(client, key, ct);

    public Task UpdateStatusAsync(ReplicaSetView owner, ReplicaStatus status, CancellationToken ct) =>
        kind.WriteStatusAsync(client, owner, status, ct);

    private Task PatchAsync(V1Pod pod, JsonObject patch, CancellationToken ct) =>
        client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch),
            pod.Metadata.Name,
            pod.Metadata.NamespaceProperty,
            cancellationToken: ct);
}
