namespace Skiff.Bench.Kubelet;

/// <summary>Nearest-rank percentiles of one phase's samples (with 30 samples p99 is the slowest one).</summary>
internal sealed record Latencies(IReadOnlyList<TimeSpan> Samples)
{
    public TimeSpan P50 => Percentile(0.50);

    public TimeSpan P99 => Percentile(0.99);

    public TimeSpan Max => Samples.Max();

    public TimeSpan Wall { get; init; }

    private TimeSpan Percentile(double p)
    {
        var sorted = Samples.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
