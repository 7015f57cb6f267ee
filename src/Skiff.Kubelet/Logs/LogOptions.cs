namespace Skiff.Kubelet.Logs;

/// <summary>The query of <c>/containerLogs</c> (and of pods/log), already validated.</summary>
internal sealed record LogOptions
{
    public bool Follow { get; init; }

    public long? TailLines { get; init; }

    public DateTimeOffset? SinceTime { get; init; }

    public bool Timestamps { get; init; }

    public long? LimitBytes { get; init; }
}
