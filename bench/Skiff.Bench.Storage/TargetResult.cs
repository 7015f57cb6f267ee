namespace Skiff.Bench.Storage;

/// <summary>What one target scored; NaN where a phase did not run.</summary>
internal sealed record TargetResult(string Name)
{
    public double CreatesPerSecondConcurrent { get; set; } = double.NaN;

    public double CreatesPerSecondSerial { get; set; } = double.NaN;

    public double UpdatesPerSecondConcurrent { get; set; } = double.NaN;

    public double UpdatesPerSecondSerial { get; set; } = double.NaN;

    public double GetP50Ms { get; set; } = double.NaN;

    public double GetP99Ms { get; set; } = double.NaN;

    public double ListMs { get; set; } = double.NaN;

    public int ListedKeys { get; set; }

    public double WatchP50Ms { get; set; } = double.NaN;

    public double WatchP99Ms { get; set; } = double.NaN;

    public long WatchEventsMissing { get; set; }

    /// <summary>Per figure, the median over rounds; the rounds ran interleaved with the other targets, so shared-machine noise spreads evenly.</summary>
    public static TargetResult Median(IReadOnlyList<TargetResult> rounds)
    {
        double M(Func<TargetResult, double> figure) => Percentiles.Of(rounds.Select(figure).ToList(), 50);
        return new TargetResult(rounds[0].Name)
        {
            CreatesPerSecondConcurrent = M(r => r.CreatesPerSecondConcurrent),
            CreatesPerSecondSerial = M(r => r.CreatesPerSecondSerial),
            UpdatesPerSecondConcurrent = M(r => r.UpdatesPerSecondConcurrent),
            UpdatesPerSecondSerial = M(r => r.UpdatesPerSecondSerial),
            GetP50Ms = M(r => r.GetP50Ms),
            GetP99Ms = M(r => r.GetP99Ms),
            ListMs = M(r => r.ListMs),
            ListedKeys = rounds.Min(r => r.ListedKeys),
            WatchP50Ms = M(r => r.WatchP50Ms),
            WatchP99Ms = M(r => r.WatchP99Ms),
            WatchEventsMissing = rounds.Sum(r => r.WatchEventsMissing),
        };
    }
}
