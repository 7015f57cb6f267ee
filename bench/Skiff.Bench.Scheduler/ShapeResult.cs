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
    double HollowCpuSeconds);
