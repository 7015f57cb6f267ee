using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Skiff.Controllers.PodGC;

internal sealed class ApiPodGcClient(IKubernetes client) : IPodGcClient
{
    public async Task DeletePodAsync(V1Pod pod, CancellationToken ct)
    {
        var options = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } };
        try
        {
            await client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, options, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone, or the name now holds a newer pod.
        }
    }

    public async Task MarkFailedAsync(V1Pod pod, V1PodCondition? condition, CancellationToken ct)
    {
        var status = new V1PodStatus { Phase = "Failed", Conditions = condition is null ? null : [condition] };
        var patch = new V1Patch(KubernetesJson.Serialize(new V1Pod { Status = status }), V1Patch.PatchType.StrategicMergePatch);
        try
        {
            await client.CoreV1.PatchNamespacedPodStatusAsync(patch, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    public async Task<bool> NodeExistsAsync(string name, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.ReadNodeAsync(name, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
