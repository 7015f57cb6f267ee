namespace Skiff.Kubelet.Probes;

/// <summary>What the probes of one running container have concluded so far; workers write it, status reads it.</summary>
internal sealed class ContainerProbeState(string containerId, bool started, bool hasReadinessProbe)
{
    public string ContainerId { get; } = containerId;

    public bool HasReadinessProbe { get; } = hasReadinessProbe;

    public CancellationTokenSource Stop { get; } = new();

    /// <summary>True once the startup probe passed, or from the start when there is none.</summary>
    public volatile bool Started = started;

    /// <summary>The readiness probe's last result past its thresholds; starts false, as upstream.</summary>
    public volatile bool Ready;
}
