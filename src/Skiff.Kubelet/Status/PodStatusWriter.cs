using k8s;
using k8s.Autorest;
using k8s.Models;
using Skiff.Kubelet.Pods;

namespace Skiff.Kubelet.Status;

/// <summary>Computes a pod's status and writes it through the status subresource only when it changed.</summary>
public sealed class PodStatusWriter(PodRuntimeContext context)
{
    public async Task WriteAsync(V1Pod pod, RuntimePod runtime, PodWorkerState state, CancellationToken ct)
    {
        var basis = new V1Pod { Metadata = pod.Metadata, Spec = pod.Spec, Status = state.WrittenStatus ?? pod.Status };
        var status = PodStatusBuilder.Build(new StatusInputs(
            basis,
            runtime,
            new Dictionary<string, WaitingReason>(state.Waiting),
            name => context.Probes.IsReady(pod.Metadata.Uid, name),
            name => context.Probes.IsStarted(pod.Metadata.Uid, name),
            context.HostIp(),
            WholeSeconds(context.Time.GetUtcNow().UtcDateTime))
        {
            TerminationMessage = (name, restartCount) => ReadTerminationLog(context.Paths.TerminationLog(pod.Metadata.Uid, name, restartCount)),
        });
        var json = KubernetesJson.Serialize(status);
        if (json == state.WrittenStatusJson)
        {
            return;
        }

        // A JSON patch that replaces the whole status: a merge patch would keep a container's old state next to its new one.
        var patch = $"[{{\"op\":\"add\",\"path\":\"/status\",\"value\":{json}}}]";
        try
        {
            await context.Client.CoreV1.PatchNamespacedPodStatusAsync(
                new V1Patch(patch, V1Patch.PatchType.JsonPatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
            state.WrittenStatus = status;
            state.WrittenStatusJson = json;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Deleted meanwhile; the worker learns it from the informer.
        }
    }

    /// <summary>Upstream reads at most 4096 bytes of a container's termination log.</summary>
    private static string? ReadTerminationLog(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var buffer = new byte[4096];
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return read == 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static DateTime WholeSeconds(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
