using System.Globalization;
using System.Text;
using Skiff.Bench.Storage;

namespace Skiff.Bench.ApiServer;

/// <summary>The Markdown section: machine, settings, one column per backend plus the raw store, and the targets.</summary>
internal static class Report
{
    public static string Render(BenchSettings s, List<double> coldStartsMs, IReadOnlyList<ServerResult> servers, RawResult? raw, string machine, TimeSpan took)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv($"## API server benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        md.AppendLine();
        md.AppendLine(Inv($"Machine: {machine}. Took {took.TotalSeconds:0} s."));
        md.AppendLine(Inv($"A real `skiff server --disable-agent` (Release) per backend, driven over HTTPS with the admin client certificate, {servers.FirstOrDefault()?.HttpVersion ?? "?"} (one HttpClient; concurrent clients are tasks sharing its connections). ")
            + Inv($"{s.SerialOps} serial creates, gets, updates; {s.Pods} pods listed {s.Lists} times each way; {s.ThroughputCreates} creates per concurrency level; ")
            + Inv($"{s.Watchers} watchers × {s.WatchUpdates} updates {s.WatchSpacing.TotalMilliseconds:0} ms apart. Every phase capped at {s.PhaseCap.TotalSeconds:0} s. ")
            + Inv($"Cold start: median of {coldStartsMs.Count} starts on fresh data dirs (embedded store); the etcd column is its one start. The benchmark client runs on the same cores."));
        md.AppendLine();
        md.Append("| measure |");
        foreach (var server in servers)
        {
            md.Append(Inv($" {server.Backend} |"));
        }

        md.AppendLine(raw is null ? string.Empty : Inv($" {raw.Name} |"));
        md.Append("|---|");
        md.AppendLine(string.Concat(Enumerable.Repeat("---:|", servers.Count + (raw is null ? 0 : 1))));
        Row(md, "cold start → /readyz ms", servers, r => r == servers[0] && coldStartsMs.Count > 0 ? F(Percentiles.Of(coldStartsMs, 50)) : F(r.StartToReadyMs), raw, null);
        Row(md, "idle RSS MiB (10 s after ready)", servers, r => F(r.IdleRssMiB), raw, null);
        Row(md, "get p50 / p99 ms", servers, r => P(r.Gets), raw, raw is null ? null : P(raw.Gets));
        Row(md, "create p50 / p99 ms", servers, r => P(r.Creates), raw, null);
        Row(md, "update (PUT) p50 / p99 ms", servers, r => P(r.Updates), raw, null);
        Row(md, "list pods, no RV, p50 / p99 ms", servers, r => Inv($"{P(r.ListsNoRv)} ({r.PodsListed} pods)"), raw, null);
        Row(md, "list pods, RV=0, p50 / p99 ms", servers, r => P(r.ListsRv0), raw, null);
        foreach (var clients in s.Concurrency)
        {
            Row(md, Inv($"creates/s ×{clients}"), servers, r => F(r.CreatesPerSecond.GetValueOrDefault(clients)), raw, raw is null ? null : F(raw.CreatesPerSecond.GetValueOrDefault(clients)));
        }

        Row(md, "watch delivery p50 / p99 ms", servers, r => r.Watch is null ? "-" : P(r.Watch.LatenciesMs), raw, null);
        Row(md, "watch deliveries seen / expected", servers, r => r.Watch is null ? "-" : Inv($"{r.Watch.Delivered} / {r.Watch.Expected}"), raw, null);
        foreach (var phase in servers.SelectMany(r => r.CpuPerOp.Keys).Distinct())
        {
            Row(md, Inv($"CPU ms per op, {phase}: server / client"), servers,
                r => r.CpuPerOp.TryGetValue(phase, out var cpu) ? Inv($"{cpu.Server:0.000} / {cpu.Client:0.000}") : "-", raw, null);
        }

        md.AppendLine();
        md.AppendLine("Targets:");
        md.AppendLine();
        var embedded = servers[0];
        Target(md, "≥ 2,000 creates/s at 64 clients (embedded store)", Inv($"{embedded.CreatesPerSecond.GetValueOrDefault(64):0}/s"), embedded.CreatesPerSecond.GetValueOrDefault(64) >= 2000);
        foreach (var server in servers)
        {
            Target(md, Inv($"get p99 < 5 ms ({server.Backend})"), Inv($"{F(Percentiles.Of(server.Gets, 99))} ms"), Percentiles.Of(server.Gets, 99) < 5);
            var watchP99 = server.Watch is null ? double.NaN : Percentiles.Of(server.Watch.LatenciesMs, 99);
            var complete = server.Watch is not null && server.Watch.Delivered >= server.Watch.Expected && server.Watch.Watchers >= s.Watchers;
            Target(md, Inv($"an event reaches {s.Watchers} watchers within 100 ms p99 ({server.Backend})"), Inv($"{F(watchP99)} ms, {server.Watch?.Delivered}/{server.Watch?.Expected} delivered"), watchP99 < 100 && complete);
            Target(md, Inv($"idle RSS < 150 MB ({server.Backend})"), Inv($"{server.IdleRssMiB * 1.048576:0} MB"), server.IdleRssMiB * 1.048576 < 150);
        }

        var coldMedian = coldStartsMs.Count > 0 ? Percentiles.Of(coldStartsMs, 50) : embedded.StartToReadyMs;
        Target(md, "cold start to /readyz < 1 s (embedded store, median)", Inv($"{coldMedian:0} ms (all: {string.Join(", ", coldStartsMs.Select(F))})"), coldMedian < 1000);
        return md.ToString();
    }

    private static void Row(StringBuilder md, string name, IReadOnlyList<ServerResult> servers, Func<ServerResult, string> cell, RawResult? raw, string? rawCell)
    {
        md.Append(Inv($"| {name} |"));
        foreach (var server in servers)
        {
            md.Append(Inv($" {cell(server)} |"));
        }

        md.AppendLine(raw is null ? string.Empty : Inv($" {rawCell ?? "-"} |"));
    }

    private static void Target(StringBuilder md, string target, string measured, bool met) =>
        md.AppendLine(Inv($"- {target}: {measured} — **{(met ? "met" : "missed")}**"));

    private static string P(List<double> samples) => samples.Count == 0 ? "-" : Inv($"{F(Percentiles.Of(samples, 50))} / {F(Percentiles.Of(samples, 99))}");

    private static string F(double value) => double.IsNaN(value) ? "-" : value >= 100 ? Inv($"{value:0}") : Inv($"{value:0.0#}");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
