using System.Globalization;

namespace Skiff.Bench.Scheduler;

/// <summary>The scheduler's own attempt-latency histogram from the server's /metrics, read as Prometheus' histogram_quantile does.</summary>
internal static class MetricsScrape
{
    public const string AttemptBucket = "scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"";
    public const string AlgorithmBucket = "scheduler_scheduling_algorithm_duration_seconds_bucket{le=\"";

    public static async Task<(double P50Ms, double P99Ms, long Attempts)> AttemptLatencyAsync(HttpClient client, string bucket = AttemptBucket)
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

        if (buckets.Count == 0)
        {
            return (double.NaN, double.NaN, 0);
        }

        var total = buckets[^1].Count;
        return (Quantile(buckets, total, 0.5) * 1000, Quantile(buckets, total, 0.99) * 1000, total);
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
