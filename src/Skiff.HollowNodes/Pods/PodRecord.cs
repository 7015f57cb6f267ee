using System.Globalization;
using k8s.Models;

namespace Skiff.HollowNodes.Pods;

/// <summary>
/// What a hollow kubelet remembers of one pod: just enough to write its status and decide what happens next,
/// so thousands of pods cost little memory. Updated by the watch; read and advanced by one worker at a time.
/// </summary>
internal sealed class PodRecord
{
    public const string ExitCodeAnnotation = "skiff.io/hollow-exit-code";
    public const string RunSecondsAnnotation = "skiff.io/hollow-run-seconds";

    /// <summary>How long a Job's pod (or one with an exit code and no run time) runs.</summary>
    public static readonly TimeSpan DefaultRunTime = TimeSpan.FromSeconds(1);

    private PodRecord(string uid, string ns, string name, int nodeIndex, DateTimeOffset firstSeen)
    {
        Uid = uid;
        Namespace = ns;
        Name = name;
        NodeIndex = nodeIndex;
        FirstSeen = firstSeen;
    }

    public string Uid { get; }

    public string Namespace { get; }

    public string Name { get; }

    public int NodeIndex { get; }

    public DateTimeOffset FirstSeen { get; }

    public IReadOnlyList<ContainerRef> Containers { get; private set; } = [];

    public IReadOnlyList<ContainerRef> InitContainers { get; private set; } = [];

    public string QosClass { get; private set; } = Pods.QosClass.BestEffort;

    public DateTimeOffset? ScheduledAt { get; private set; }

    /// <summary>The exit code the pod ends with, or null for a pod that runs until deleted.</summary>
    public int? ExitCode { get; private set; }

    public TimeSpan RunTime { get; private set; }

    public DateTimeOffset? DeletionSeen { get; private set; }

    public PodProgress Progress { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public int? IpOffset { get; set; }

    public static PodRecord From(V1Pod pod, int nodeIndex, DateTimeOffset now)
    {
        var record = new PodRecord(pod.Metadata.Uid, pod.Metadata.NamespaceProperty ?? "default", pod.Metadata.Name, nodeIndex, now);
        record.Containers = [.. (pod.Spec.Containers ?? []).Select(c => new ContainerRef(c.Name, c.Image ?? ""))];
        record.InitContainers = [.. (pod.Spec.InitContainers ?? []).Select(c => new ContainerRef(c.Name, c.Image ?? ""))];
        record.QosClass = pod.Status?.QosClass ?? Pods.QosClass.Of(pod.Spec);
        record.ScheduledAt = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled")?.LastTransitionTime is { } scheduled
            ? new DateTimeOffset(DateTime.SpecifyKind(scheduled, DateTimeKind.Utc))
            : null;
        switch (pod.Status?.Phase)
        {
            case "Running":
                record.Progress = PodProgress.Running;
                record.StartedAt = pod.Status.StartTime is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : now;
                break;
            case "Succeeded" or "Failed":
                record.Progress = PodProgress.Finished;
                break;
        }

        record.Update(pod, now);
        return record;
    }

    /// <summary>Takes in what may change on a live pod: its ending (annotations) and its deletion.</summary>
    public void Update(V1Pod pod, DateTimeOffset now)
    {
        (ExitCode, RunTime) = Ending(pod);
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            DeletionSeen ??= now;
        }
    }

    /// <summary>The annotation wins; otherwise a Job's pod that is not restarted in place succeeds.</summary>
    internal static (int? ExitCode, TimeSpan RunTime) Ending(V1Pod pod)
    {
        var annotations = pod.Metadata.Annotations;
        var runTime = annotations?.TryGetValue(RunSecondsAnnotation, out var seconds) == true
            && double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0
            ? TimeSpan.FromSeconds(s)
            : DefaultRunTime;
        if (annotations?.TryGetValue(ExitCodeAnnotation, out var code) == true
            && int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var exit))
        {
            return (exit, runTime);
        }

        var ownedByJob = pod.Metadata.OwnerReferences?.Any(o => o.Kind == "Job") == true;
        if (ownedByJob && pod.Spec.RestartPolicy is "Never" or "OnFailure")
        {
            return (0, runTime);
        }

        return (null, runTime);
    }
}
