using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Scheduling;

public sealed partial class Scheduler
{
    /// <summary>
    /// Upstream's handleSchedulingFailure: back into the queue (unless the pod was deleted or bound meanwhile), the
    /// nomination recorded, a FailedScheduling event, and PodScheduled=False on the pod with the same message.
    /// </summary>
    private void HandleFailure(Profile profile, QueuedPodInfo queued, long cycle, string reason, string message, string? nominatedNode, bool erred)
    {
        var pod = queued.Pod.Pod;
        var name = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
        if (erred)
        {
            SchedulerLog.Error(_logger, name, message);
        }
        else
        {
            SchedulerLog.Unschedulable(_logger, name, message);
        }

        var current = _pods?.Get(pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        var gone = _pods is not null && (current is null || current.Metadata.Uid != pod.Metadata.Uid || !string.IsNullOrEmpty(current.Spec?.NodeName));
        if (!gone)
        {
            Queue.AddUnschedulableIfNotPresent(queued, cycle, erred);
        }

        if (nominatedNode == string.Empty)
        {
            Queue.Nominator.DeleteNominatedPodIfExists(pod);
        }
        else if (nominatedNode is not null)
        {
            Queue.Nominator.AddNominatedPod(queued.Pod, nominatedNode);
        }

        if (gone)
        {
            return;
        }

        _recorder?.Record(PodCopies.With(pod), "Warning", "FailedScheduling", message);
        if (_client is not null && StatusChanges(pod, reason, message, nominatedNode))
        {
            Track(PatchFailureStatusAsync(_client, pod, reason, message, nominatedNode));
        }
    }

    private static bool StatusChanges(V1Pod pod, string reason, string message, string? nominatedNode)
    {
        var condition = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        var nominationChanges = nominatedNode is not null && nominatedNode != (pod.Status?.NominatedNodeName ?? string.Empty);
        return nominationChanges || condition is null || condition.Status != "False" || condition.Reason != reason || condition.Message != message;
    }

    private async Task PatchFailureStatusAsync(IKubernetes client, V1Pod pod, string reason, string message, string? nominatedNode)
    {
        var condition = new JsonObject
        {
            ["type"] = "PodScheduled",
            ["status"] = "False",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["reason"] = reason,
            ["message"] = message,
        };
        var status = new JsonObject { ["conditions"] = new JsonArray(condition) };
        if (nominatedNode is not null)
        {
            status["nominatedNodeName"] = nominatedNode.Length == 0 ? null : nominatedNode;
        }

        var patch = new JsonObject { ["status"] = status }.ToJsonString();
        try
        {
            await client.CoreV1.PatchNamespacedPodStatusAsync(
                new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty).ConfigureAwait(false);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or JsonException)
        {
            SchedulerLog.StatusUpdateFailed(_logger, $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}", e.Message);
        }
    }
}
