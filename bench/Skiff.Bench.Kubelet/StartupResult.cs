using Skiff.Bench.Controllers;

namespace Skiff.Bench.Kubelet;

internal sealed record StartupResult(
    Latencies FloorSequential,
    Latencies Sequential,
    Latencies FloorParallel,
    Latencies Parallel,
    PhaseUsage SequentialUsage,
    PhaseUsage ParallelUsage,
    RestingUsage Resting);
