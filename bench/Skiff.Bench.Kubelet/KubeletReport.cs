using System.Globalization;
using System.Text;

namespace Skiff.Bench.Kubelet;

/// <summary>The Markdown section appended to bench/RESULTS.md.</summary>
internal static class KubeletReport
{
    public static string Render(StartupResult r, int pods, string machine, string loadBefore, string loadAfter, TimeSpan total)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"## Kubelet pod startup, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine();
        text.AppendLine(Invariant($"Machine: {machine}; load average before {loadBefore}, after {loadAfter}. Total run {total.TotalMinutes:0.0} min."));
        text.AppendLine();
        text.AppendLine("| phase | floor (`ctr run -d`) p50 / p99 ms | skiff (create → Ready) p50 / p99 ms | p50 ratio | p99 < 1 s | wall s floor / skiff |");
        text.AppendLine("|---|---:|---:|---:|---|---:|");
        Row(text, $"{pods} one after another", r.FloorSequential, r.Sequential);
        Row(text, $"{pods} at once", r.FloorParallel, r.Parallel);
        text.AppendLine();
        text.AppendLine("| server process (API server + controllers + kubelet) | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(Invariant($"| CPU for the {pods} sequential starts | {r.SequentialUsage.CpuSeconds:0.00} s ({1000 * r.SequentialUsage.CpuSeconds / pods:0} ms a pod) |"));
        text.AppendLine(Invariant($"| CPU for the {pods} parallel starts | {r.ParallelUsage.CpuSeconds:0.00} s ({1000 * r.ParallelUsage.CpuSeconds / pods:0} ms a pod) |"));
        text.AppendLine(Invariant($"| CPU at rest with {r.Resting.Pods} running pods | {100 * r.Resting.Usage.Cores:0.0} % of a core ({r.Resting.Usage.CpuSeconds:0.00} s over {r.Resting.Usage.Elapsed.TotalSeconds:0} s) |"));
        text.AppendLine(Invariant($"| RSS with {r.Resting.Pods} running pods (end / sampled peak / VmHWM) | {r.Resting.Usage.EndRssMiB:0} / {r.Resting.Usage.PeakRssMiB:0} / {r.Resting.Usage.HighWaterMiB:0} MiB |"));
        var containerd = r.Resting.Containerd;
        text.AppendLine(Invariant($"| containerd (child, shims not counted) at rest with {r.Resting.Pods} pods: CPU / RSS | {100 * containerd.Cores:0.0} % of a core / {containerd.EndRssMiB:0} MiB |"));
        return text.ToString();
    }

    private static void Row(StringBuilder text, string phase, Latencies floor, Latencies skiff)
    {
        var ratio = skiff.P50.TotalMilliseconds / floor.P50.TotalMilliseconds;
        text.AppendLine(Invariant(
            $"| {phase} | {floor.P50.TotalMilliseconds:0} / {floor.P99.TotalMilliseconds:0} | {skiff.P50.TotalMilliseconds:0} / {skiff.P99.TotalMilliseconds:0} | {ratio:0.00}× {(ratio <= 2 ? "(≤ 2×)" : "(> 2×)")} | {(skiff.P99 < TimeSpan.FromSeconds(1) ? "yes" : "no")} | {floor.Wall.TotalSeconds:0.0} / {skiff.Wall.TotalSeconds:0.0} |"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
