namespace Skiff.Kubelet.Logs;

/// <summary>The little of the CRI the log rotation needs, so its policy can be tested without a runtime.</summary>
internal interface IContainerLogRuntime
{
    /// <summary>Ids of the containers running now; only those write to their logs.</summary>
    Task<IReadOnlyList<string>> RunningContainersAsync(CancellationToken ct);

    /// <summary>The absolute path the runtime writes the container's log to; null when the container is gone.</summary>
    Task<string?> LogPathAsync(string containerId, CancellationToken ct);

    /// <summary>Has the runtime close the container's log file and create it anew at the same path.</summary>
    Task ReopenAsync(string containerId, CancellationToken ct);
}
