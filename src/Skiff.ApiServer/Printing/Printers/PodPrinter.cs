using System.Globalization;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>
/// Pods: READY, STATUS, RESTARTS and AGE computed the way kubectl users know them, plus the
/// wide IP, NODE, NOMINATED NODE and READINESS GATES columns.
/// </summary>
internal static class PodPrinter
{
    private const string NodeUnreachablePodReason = "NodeLost";

    public static readonly TableColumn[] Columns =
    [
        TableColumn.NameColumn,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.Age,
        new("IP", "string", ColumnDescriptions.PodStatusPodIP, 1),
        new("Node", "string", ColumnDescriptions.PodSpecNodeName, 1),
        new("Nominated Node", "string", ColumnDescriptions.PodStatusNominatedNodeName, 1),
        new("Readiness Gates", "string", ColumnDescriptions.PodSpecReadinessGates, 1),
    ];

    public static readonly TablePrinter Printer = new(Columns, Print);

    public static PrintedRow Print(JsonObject pod, DateTimeOffset now)
    {
        var summary = Summarize(pod);
        var restarts = summary.Restarts.ToString(CultureInfo.InvariantCulture);
        if (summary.Restarts != 0 && summary.LastRestart is { } last)
        {
            restarts = $"{summary.Restarts} ({HumanDuration.Since(last, now)} ago)";
        }

        var cells = new JsonArray(
            pod.Str("metadata", "name"),
            $"{summary.Ready}/{summary.Total}",
            summary.Reason,
            restarts,
            HumanDuration.Since(pod.Time("metadata", "creationTimestamp"), now),
            OrNone(PodIp(pod)),
            OrNone(pod.Str("spec", "nodeName")),
            OrNone(pod.Str("status", "nominatedNodeName")),
            ReadinessGates(pod));
        return new PrintedRow(cells, RowConditions(pod.Str("status", "phase")));
    }

    /// <summary>The READY counts, STATUS reason and restart total of a pod.</summary>
    public static PodSummary Summarize(JsonObject pod)
    {
        var status = pod.Obj("status");
        var phase = status.Str("phase");
        var reason = status.Str("reason");
        if (reason.Length == 0)
        {
            reason = phase;
        }
        if (status.Objects("conditions").Any(c => c.Str("type") == "PodScheduled" && c.Str("reason") == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var initSpecs = pod.Objects("spec", "initContainers").ToList();
        var sidecars = initSpecs.Where(IsRestartable).Select(c => c.Str("name")).ToHashSet(StringComparer.Ordinal);
        var total = pod.Arr("spec", "containers").Count + sidecars.Count;
        var ready = 0;
        var restarts = 0L;
        var sidecarRestarts = 0L;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastSidecarRestart = null;

        var initializing = false;
        var initStatuses = status.Objects("initContainerStatuses").ToList();
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            var isSidecar = sidecars.Contains(container.Str("name"));
            restarts += container.Long("restartCount");
            lastRestart = Later(lastRestart, container.Time("lastState", "terminated", "finishedAt"));
            if (isSidecar)
            {
                sidecarRestarts += container.Long("restartCount");
                lastSidecarRestart = Later(lastSidecarRestart, container.Time("lastState", "terminated", "finishedAt"));
            }

            var terminated = container.Obj("state", "terminated");
            var waiting = container.Obj("state", "waiting");
            if (terminated is not null && terminated.Long("exitCode") == 0)
            {
                continue;
            }
            if (isSidecar && container.Bool("started"))
            {
                if (container.Bool("ready"))
                {
                    ready++;
                }
                continue;
            }
            if (terminated is not null)
            {
                reason = "Init:" + TerminatedReason(terminated);
            }
            else if (waiting is not null && waiting.Str("reason") is { Length: > 0 } w && w != "PodInitializing")
            {
                reason = "Init:" + w;
            }
            else
            {
                reason = $"Init:{i}/{initSpecs.Count}";
            }
            initializing = true;
            break;
        }

        if (!initializing || IsInitialized(status))
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            var statuses = status.Objects("containerStatuses").ToList();
            // Walking backwards lets the first container's state win, as upstream does.
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.Long("restartCount");
                lastRestart = Later(lastRestart, container.Time("lastState", "terminated", "finishedAt"));
                var terminated = container.Obj("state", "terminated");
                if (container.Str("state", "waiting", "reason") is { Length: > 0 } waitingReason)
                {
                    reason = waitingReason;
                }
                else if (terminated is not null)
                {
                    reason = TerminatedReason(terminated);
                }
                else if (container.Bool("ready") && container.Has("state", "running"))
                {
                    hasRunning = true;
                    ready++;
                }
            }

            // A container that completed while another still runs leaves the pod running.
            if (reason == "Completed" && hasRunning)
            {
                reason = status.Objects("conditions").Any(c => c.Str("type") == "Ready" && c.Str("status") == "True")
                    ? "Running"
                    : "NotReady";
            }
        }

        if (pod.Has("metadata", "deletionTimestamp"))
        {
            if (status.Str("reason") == NodeUnreachablePodReason)
            {
                reason = "Unknown";
            }
            else if (phase is not ("Succeeded" or "Failed"))
            {
                reason = "Terminating";
            }
        }

        return new PodSummary(ready, total, reason, restarts, lastRestart);
    }

    private static string TerminatedReason(JsonObject terminated)
    {
        if (terminated.Str("reason") is { Length: > 0 } r)
        {
            return r;
        }
        var signal = terminated.Long("signal");
        return signal != 0
            ? string.Create(CultureInfo.InvariantCulture, $"Signal:{signal}")
            : string.Create(CultureInfo.InvariantCulture, $"ExitCode:{terminated.Long("exitCode")}");
    }

    private static bool IsRestartable(JsonObject initContainer) => initContainer.Str("restartPolicy") == "Always";

    private static bool IsInitialized(JsonObject? status)
    {
        var condition = status.Objects("conditions").FirstOrDefault(c => c.Str("type") == "Initialized");
        return condition?.Str("status") == "True";
    }

    private static DateTimeOffset? Later(DateTimeOffset? current, DateTimeOffset? candidate) =>
        candidate is { } c && (current is null || current < c) ? c : current;

    // Old clients write only status.podIP; upstream's conversion fills podIPs from it.
    private static string PodIp(JsonObject pod) =>
        pod.Objects("status", "podIPs").FirstOrDefault()?.Str("ip") is { Length: > 0 } ip ? ip : pod.Str("status", "podIP");

    private static string ReadinessGates(JsonObject pod)
    {
        var gates = pod.Objects("spec", "readinessGates").ToList();
        if (gates.Count == 0)
        {
            return LabelFormat.None;
        }
        var conditions = pod.Objects("status", "conditions").ToList();
        var trueCount = gates.Count(g =>
            conditions.FirstOrDefault(c => c.Str("type") == g.Str("conditionType"))?.Str("status") == "True");
        return $"{trueCount}/{gates.Count}";
    }

    private static JsonArray? RowConditions(string phase) => phase switch
    {
        "Succeeded" => [Completed("Succeeded", "The pod has completed successfully.")],
        "Failed" => [Completed("Failed", "The pod failed.")],
        _ => null,
    };

    private static JsonObject Completed(string reason, string message) => new()
    {
        ["type"] = "Completed",
        ["status"] = "True",
        ["reason"] = reason,
        ["message"] = message,
    };

    private static string OrNone(string value) => value.Length == 0 ? LabelFormat.None : value;
}
