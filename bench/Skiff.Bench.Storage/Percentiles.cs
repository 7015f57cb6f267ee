namespace Skiff.Bench.Storage;

internal static class Percentiles
{
    /// <summary>Nearest-rank percentile of <paramref name="samples"/> (any order); NaN when empty.</summary>
    public static double Of(IReadOnlyCollection<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
