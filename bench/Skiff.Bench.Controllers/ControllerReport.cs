using System.Globalization;
using System.Text;

namespace Skiff.Bench.Controllers;

/// <summary>The Markdown section appended to bench/RESULTS.md: medians over runs.</summary>
internal static class ControllerReport
{
    public static string Render(ControllerBenchSettings settings, IReadOnlyList<DeploymentResult> deployments, IReadOnlyList<InformerResult> informers, string machine, TimeSpan total)
    {
        var n = settings.Replicas;
        var s = new StringBuilder();
        s.AppendLine(Inv($"## Controllers, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        s.AppendLine();
        s.AppendLine(Inv($"Machine: {machine}. {deployments.Count} run(s), medians shown; total {total.TotalMinutes:0.0} min."));
        s.AppendLine(Inv($"A {n}-replica Deployment on {settings.Nodes} hollow nodes × {settings.PodsPerNode} pods, embedded SQLite, one `skiff server --disable-agent` per run (API server, controller manager and scheduler in one process, so CPU and RSS cover all three)."));
        s.AppendLine();
        s.AppendLine("| phase | median | runs |");
        s.AppendLine("|---|---:|---|");
        Row(s, $"Deployment created → {n} pods exist", deployments.Select(d => d.AllCreated.TotalSeconds), "s");
        Row(s, $"Deployment created → availableReplicas = {n}", deployments.Select(d => d.AllAvailable.TotalSeconds), "s");
        Row(s, "  pods per second to available", deployments.Select(d => n / d.AllAvailable.TotalSeconds), "/s");
        Row(s, "  server CPU during it", deployments.Select(d => d.Scale.CpuSeconds), "s");
        Row(s, "  server cores busy (average)", deployments.Select(d => d.Scale.Cores), "");
        Row(s, "  server RSS peak (sampled)", deployments.Select(d => d.Scale.PeakRssMiB), "MiB");
        Row(s, $"Rolling update (25%/25%) → complete, old RS at 0", deployments.Select(d => d.RolloutComplete.TotalSeconds), "s");
        Row(s, "  pods replaced per second", deployments.Select(d => n / d.RolloutComplete.TotalSeconds), "/s");
        Row(s, "  server CPU during it", deployments.Select(d => d.Rollout.CpuSeconds), "s");
        Row(s, "  server cores busy (average)", deployments.Select(d => d.Rollout.Cores), "");
        Row(s, "  server RSS peak (sampled)", deployments.Select(d => d.Rollout.PeakRssMiB), "MiB");
        Row(s, "Server RSS before the Deployment (idle, nodes registered)", deployments.Select(d => d.IdleRssMiB), "MiB");
        Row(s, "Server VmHWM at the end", deployments.Select(d => d.Rollout.HighWaterMiB), "MiB");
        if (informers.Count > 0)
        {
            Row(s, Inv($"Pod informer: managed heap per pod ({informers[0].Pods} pods cached)"), informers.Select(i => i.BytesPerPod), "bytes");
            Row(s, "Pod informer: MiB per 10,000 pods", informers.Select(i => i.MiBPer10k), "MiB");
            Row(s, "Pod informer: initial list and sync", informers.Select(i => i.Sync.TotalSeconds), "s");
        }

        return s.ToString();
    }

    private static void Row(StringBuilder s, string name, IEnumerable<double> values, string unit)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var runs = string.Join(", ", list.Select(v => Format(v)));
        s.AppendLine(Inv($"| {name} | {Format(Median(list))} {unit} | {runs} |"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Format(double value) => value >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.0#", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
