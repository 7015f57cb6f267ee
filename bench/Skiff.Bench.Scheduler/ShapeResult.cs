namespace Skiff.Bench.Scheduler;

internal sealed record ShapeResult(
    string Shape,
    int Nodes,
    int Pods,
    int BoundPods,
    double NodeRegistrationSeconds,
    double CreateSeconds,
    double PodsPerSecond,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double AttemptP50Ms,
    double AttemptP99Ms,
    double ServerRssAtNodesMiB,
    double ServerRssAtPodsMiB,
    double HollowRssMiB,
    double ServerCpuSeconds,
    double HollowCpuSeconds)
{
    /// <summary>The scheduler's own algorithm histogram (filter + score, no binding), when the server exports it.</summary>
    public double AlgorithmP50Ms { get; init; } = double.NaN;

    public double AlgorithmP99Ms { get; init; } = double.NaN;

    /// <summary>First create sent → every pod bound (or the timeout).</summary>
    public double MeasuredSeconds { get; init; }

    /// <summary>CPU cores the server and the hollow nodes used with the nodes registered and no pods coming.</summary>
    public double IdleServerCores { get; init; }

    public double IdleHollowCores { get; init; }

    /// <summary>The benchmark process's own CPU over the measured window: it creates the pods and watches them on the same cores.</summary>
    public double ClientCpuSeconds { get; init; } = double.NaN;

    /// <summary>The server's allocation, collections, GC pauses and JIT over the measured window.</summary>
    public RuntimeSample? ServerRuntime { get; init; }

    public double ServerAllocatedKiBPerPod => BoundPods == 0 || ServerRuntime is null ? double.NaN : ServerRuntime.AllocatedBytes / 1024 / BoundPods;

    public double LoadMin { get; init; } = double.NaN;

    public double LoadMedian { get; init; } = double.NaN;

    public double LoadMax { get; init; } = double.NaN;

    public double ServerCpuMsPerPod => BoundPods == 0 ? double.NaN : ServerCpuSeconds * 1000 / BoundPods;

    /// <summary>Server CPU per pod with the idle rate over the measured window taken off.</summary>
    public double ServerNetCpuMsPerPod => BoundPods == 0 ? double.NaN : Math.Max(0, ServerCpuSeconds - (IdleServerCores * MeasuredSeconds)) * 1000 / BoundPods;

    public double HollowNetCpuMsPerPod => BoundPods == 0 ? double.NaN : Math.Max(0, HollowCpuSeconds - (IdleHollowCores * MeasuredSeconds)) * 1000 / BoundPods;
}
