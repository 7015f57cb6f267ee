using System.Globalization;
using System.Text;

namespace Skiff.Bench.Storage;

/// <summary>The run as a Markdown section: a table per target and the ratios the targets are judged by.</summary>
internal static class ResultTable
{
    public static string Render(BenchSettings settings, IReadOnlyList<TargetResult> results, string machine, TimeSpan took)
    {
        var c = settings.Concurrency;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Storage benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}. Took {took.TotalSeconds:0} s.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Values of {settings.ValueBytes} bytes; {settings.ConcurrentWrites} creates then updates at {c} concurrent writers, {settings.SerialWrites} at 1; {settings.Gets} serial gets; list of all {settings.ConcurrentWrites} keys (median of {settings.ListRuns}); {settings.Watchers} watchers × {settings.WatchWrites} creates every {settings.WatchWriteGap.TotalMilliseconds:0} ms. Every phase capped at {settings.PhaseCap.TotalSeconds:0} s. Medians of {settings.Rounds} interleaved rounds.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"| target | creates/s ×{c} | creates/s ×1 | updates/s ×{c} | updates/s ×1 | get p50 ms | get p99 ms | list ms | watch p50 ms | watch p99 ms |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var missing = r.WatchEventsMissing == 0 ? string.Empty : $" ({r.WatchEventsMissing} missing)";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {F(r.CreatesPerSecondConcurrent, "0")} | {F(r.CreatesPerSecondSerial, "0")} | {F(r.UpdatesPerSecondConcurrent, "0")} | {F(r.UpdatesPerSecondSerial, "0")} | {F(r.GetP50Ms, "0.00")} | {F(r.GetP99Ms, "0.00")} | {F(r.ListMs, "0")} | {F(r.WatchP50Ms, "0.0")} | {F(r.WatchP99Ms, "0.0")}{missing} |");
        }

        var raw = results.FirstOrDefault(r => r.Name.StartsWith("raw etcd put", StringComparison.Ordinal));
        if (raw is not null)
        {
            md.AppendLine();
            md.AppendLine("Write throughput relative to raw etcd puts (targets: SQLite ≥ 1.0, etcd backend ≥ 0.67):");
            md.AppendLine();
            foreach (var r in results.Where(r => r != raw))
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"- {r.Name}: creates ×{c} {Ratio(r.CreatesPerSecondConcurrent, raw.CreatesPerSecondConcurrent)}, creates ×1 {Ratio(r.CreatesPerSecondSerial, raw.CreatesPerSecondSerial)}, updates ×{c} {Ratio(r.UpdatesPerSecondConcurrent, raw.UpdatesPerSecondConcurrent)}, updates ×1 {Ratio(r.UpdatesPerSecondSerial, raw.UpdatesPerSecondSerial)}");
            }
        }

        return md.ToString();
    }

    private static string F(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Ratio(double value, double baseline) => F(value / baseline, "0.00");
}
