using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Skiff.HollowNodes.Nodes;

namespace Skiff.HollowNodes.Pods;

/// <summary>
/// Status patches (strategic merge, on pods/status) as a kubelet writes them when a pod's containers start
/// and when they end. The patch carries the pod's uid so it cannot land on a pod recreated under the same name.
/// </summary>
internal static class PodStatusBuilder
{
    public static JsonObject Running(PodRecord pod, string hostIp, string podIp, DateTimeOffset startedAt)
    {
        var ready = Condition("Ready", true, startedAt);
        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray
            {
                Condition("PodReadyToStartContainers", true, startedAt),
                Condition("Initialized", true, startedAt),
                ready,
                Condition("ContainersReady", true, startedAt),
                Condition("PodScheduled", true, pod.ScheduledAt ?? pod.FirstSeen),
            },
            ["containerStatuses"] = new JsonArray([.. pod.Containers.Select(c => RunningContainer(pod, c, startedAt))]),
        };
        AddCommon(status, pod, hostIp, podIp, startedAt);
        return Patch(pod, status);
    }

    public static JsonObject Finished(PodRecord pod, string hostIp, string podIp, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        var exitCode = pod.ExitCode ?? 0;
        var status = new JsonObject
        {
            ["phase"] = exitCode == 0 ? "Succeeded" : "Failed",
            ["conditions"] = new JsonArray
            {
                Condition("PodReadyToStartContainers", false, finishedAt),
                Condition("Initialized", true, startedAt),
                Condition("Ready", false, finishedAt, "PodCompleted"),
                Condition("ContainersReady", false, finishedAt, "PodCompleted"),
                Condition("PodScheduled", true, pod.ScheduledAt ?? pod.FirstSeen),
            },
            ["containerStatuses"] = new JsonArray([.. pod.Containers.Select(c => Terminated(pod, c, exitCode, startedAt, finishedAt, started: false))]),
        };
        AddCommon(status, pod, hostIp, podIp, startedAt);
        return Patch(pod, status);
    }

    public static string ContainerId(PodRecord pod, string container) => "hollow://" + Hash(pod.Uid + "/" + container);

    public static string ImageId(string image) => $"{image}@sha256:{Hash(image)}";

    private static void AddCommon(JsonObject status, PodRecord pod, string hostIp, string podIp, DateTimeOffset startedAt)
    {
        status["hostIP"] = hostIp;
        status["hostIPs"] = new JsonArray { new JsonObject { ["ip"] = hostIp } };
        status["podIP"] = podIp;
        status["podIPs"] = new JsonArray { new JsonObject { ["ip"] = podIp } };
        status["startTime"] = ApiTime.Format(pod.FirstSeen);
        status["qosClass"] = pod.QosClass;
        if (pod.InitContainers.Count > 0)
        {
            // Init containers ran to completion before the others started; all at the start time is close enough.
            status["initContainerStatuses"] = new JsonArray([.. pod.InitContainers.Select(c => Terminated(pod, c, 0, startedAt, startedAt, started: false))]);
        }
    }

    private static JsonObject Patch(PodRecord pod, JsonObject status) => new()
    {
        ["metadata"] = new JsonObject { ["uid"] = pod.Uid },
        ["status"] = status,
    };

    private static JsonObject Condition(string type, bool status, DateTimeOffset since, string? reason = null)
    {
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status ? "True" : "False",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = ApiTime.Format(since),
        };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }

        return condition;
    }

    private static JsonObject RunningContainer(PodRecord pod, ContainerRef c, DateTimeOffset startedAt) => new()
    {
        ["name"] = c.Name,
        ["image"] = c.Image,
        ["imageID"] = ImageId(c.Image),
        ["containerID"] = ContainerId(pod, c.Name),
        ["ready"] = true,
        ["started"] = true,
        ["restartCount"] = 0,
        ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ApiTime.Format(startedAt) } },
        ["lastState"] = new JsonObject(),
    };

    private static JsonObject Terminated(PodRecord pod, ContainerRef c, int exitCode, DateTimeOffset startedAt, DateTimeOffset finishedAt, bool started) => new()
    {
        ["name"] = c.Name,
        ["image"] = c.Image,
        ["imageID"] = ImageId(c.Image),
        ["containerID"] = ContainerId(pod, c.Name),
        ["ready"] = false,
        ["started"] = started,
        ["restartCount"] = 0,
        ["state"] = new JsonObject
        {
            ["terminated"] = new JsonObject
            {
                ["exitCode"] = exitCode,
                ["reason"] = exitCode == 0 ? "Completed" : "Error",
                ["startedAt"] = ApiTime.Format(startedAt),
                ["finishedAt"] = ApiTime.Format(finishedAt),
                ["containerID"] = ContainerId(pod, c.Name),
            },
        },
        ["lastState"] = new JsonObject(),
    };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
