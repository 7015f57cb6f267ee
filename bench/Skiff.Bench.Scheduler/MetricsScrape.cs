using System.Globalization;

namespace Skiff.Bench.Scheduler;

/// <summary>
/// The scheduler's own latency histograms from the server's /metrics, read as Prometheus' histogram_quantile does; two
/// scrapes give the quantiles of what happened between them (the unmeasured init pods are left out that way).
/// </summary>
internal static class MetricsScrape
{
    public const string AttemptBucket = "scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"";
    public const string AlgorithmBucket = "scheduler_scheduling_algorithm_duration_seconds_bucket{le=\"";

    public static async Task<IReadOnlyList<(double Le, long Count)>> BucketsAsync(HttpClient client, string bucket)
    {
        var text = await client.GetStringAsync("/metrics");
        var buckets = new List<(double Le, long Count)>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(bucket, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[bucket.Length..];
            var le = rest[..rest.IndexOf('"', StringComparison.Ordinal)];
            var count = long.Parse(rest[(rest.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            buckets.Add((le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture), count));
        }

        return buckets;
    }

    /// <summary>p50 and p99 in milliseconds, and the count, of the observations made between two scrapes.</summary>
    public static (double P50Ms, double P99Ms, long Attempts) Between(IReadOnlyList<(double Le, long Count)> before, IReadOnlyList<(double Le, long Count)> after)
    {
        if (after.Count == 0)
        {
            return (double.NaN, double.NaN, 0);
        }

        var buckets = new List<(double Le, long Count)>(after.Count);
        for (var i = 0; i < after.Count; i++)
        {
            buckets.Add((after[i].Le, after[i].Count - (i < before.Count ? before[i].Count : 0)));
        }

        var total = buckets[^1].Count;
        return total == 0 ? (double.NaN, double.NaN, 0) : (Quantile(buckets, total, 0.5) * 1000, Quantile(buckets, total, 0.99) * 1000, total);
    }

    /// <summary>Linear interpolation inside the bucket holding the rank; the last finite bound if the rank is in +Inf.</summary>
    private static double Quantile(List<(double Le, long Count)> buckets, long total, double q)
    {
        var rank = q * total;
        var lower = 0.0;
        long below = 0;
        foreach (var (le, count) in buckets)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(le))
                {
                    return lower;
                }

                return count == below ? le : lower + ((le - lower) * (rank - below) / (count - below));
            }

            lower = le;
            below = count;
        }

        return lower;
    }
}
