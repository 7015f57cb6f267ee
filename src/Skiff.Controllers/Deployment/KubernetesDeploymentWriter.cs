using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skiff.Controllers.Deployment;

/// <summary><see cref="IDeploymentWriter"/> over the API, the way upstream's controller writes.</summary>
internal sealed class KubernetesDeploymentWriter(IKubernetes client) : IDeploymentWriter
{
    public async Task<V1ReplicaSet?> CreateReplicaSetAsync(V1ReplicaSet replicaSet, CancellationToken ct)
    {
        try
        {
            return await client.AppsV1.CreateNamespacedReplicaSetAsync(replicaSet, replicaSet.Metadata.NamespaceProperty, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Translate(e);
        }
    }

    public Task<V1ReplicaSet> UpdateReplicaSetAsync(V1ReplicaSet replicaSet, CancellationToken ct) =>
        Call(() => client.AppsV1.ReplaceNamespacedReplicaSetAsync(
            replicaSet, replicaSet.Metadata.Name, replicaSet.Metadata.NamespaceProperty, cancellationToken: ct));

    public async Task<V1ReplicaSet?> AdoptReplicaSetAsync(V1ReplicaSet replicaSet, V1OwnerReference owner, CancellationToken ct)
    {
        // The uid in the patch makes it apply only to the very set we decided on, not a namesake created since.
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["ownerReferences"] = new JsonArray(JsonNode.Parse(KubernetesJson.Serialize(owner))),
                ["uid"] = replicaSet.Metadata.Uid,
            },
        };
        try
        {
            return await PatchAsync(replicaSet, patch, ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Translate(e);
        }
    }

    public async Task ReleaseReplicaSetAsync(V1ReplicaSet replicaSet, string ownerUid, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["ownerReferences"] = new JsonArray(new JsonObject { ["$patch"] = "delete", ["uid"] = ownerUid }),
                ["uid"] = replicaSet.Metadata.Uid,
            },
        };
        try
        {
            await PatchAsync(replicaSet, patch, ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity)
        {
            // Gone, or being deleted with a changed uid: either way it is no longer ours to release.
        }
        catch (HttpOperationException e)
        {
            throw Translate(e);
        }
    }

    public async Task DeleteReplicaSetAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            await client.AppsV1.DeleteNamespacedReplicaSetAsync(name, ns, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (HttpOperationException e)
        {
            throw Translate(e);
        }
    }

    public Task<V1Deployment> UpdateDeploymentStatusAsync(V1Deployment deployment, CancellationToken ct) =>
        Call(() => client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(
            deployment, deployment.Metadata.Name, deployment.Metadata.NamespaceProperty, cancellationToken: ct));

    public Task<V1Deployment> UpdateDeploymentAsync(V1Deployment deployment, CancellationToken ct) =>
        Call(() => client.AppsV1.ReplaceNamespacedDeploymentAsync(
            deployment, deployment.Metadata.Name, deployment.Metadata.NamespaceProperty, cancellationToken: ct));

    public async Task<V1Deployment?> GetDeploymentAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            return await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Translate(e);
        }
    }

    private Task<V1ReplicaSet> PatchAsync(V1ReplicaSet replicaSet, JsonObject patch, CancellationToken ct) =>
        client.AppsV1.PatchNamespacedReplicaSetAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch),
            replicaSet.Metadata.Name,
            replicaSet.Metadata.NamespaceProperty,
            cancellationToken: ct);

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            throw Translate(e);
        }
    }

    /// <summary>The Status the server answered with, so events and conditions quote its message as upstream does.</summary>
    private static ApiCallException Translate(HttpOperationException e)
    {
        string reason = string.Empty, message = e.Message;
        try
        {
            if (JsonNode.Parse(e.Response.Content ?? string.Empty) is JsonObject status)
            {
                reason = (string?)status["reason"] ?? reason;
                message = (string?)status["message"] ?? message;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a Status body; the client's own message will do.
        }

        return new ApiCallException((int)e.Response.StatusCode, reason, message, e);
    }
}
