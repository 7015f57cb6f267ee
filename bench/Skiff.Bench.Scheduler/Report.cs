using System.Globalization;
using System.Text;

namespace Skiff.Bench.Scheduler;

/// <summary>The dated Markdown section appended to bench/RESULTS.md.</summary>
internal static class Report
{
    private const double Target = 1000;

    public static string Render(BenchOptions options, IReadOnlyList<ShapeResult> results, string machine, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"## Scheduler, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n");
        text.Append(inv, $"Machine: {machine}. Run took {elapsed.TotalMinutes:0.0} min.\n\n");
        text.Append(inv, $"A fresh `skiff server --disable-agent` (Release, embedded SQLite) per shape, `skiff hollow-nodes --count {options.Nodes} --cpu 4 --memory 16Gi --pods 110 --zones {options.Zones}` ");
        text.Append(inv, $"against it, then {options.InitPods} unmeasured init pods (upstream's initPods) created and bound in a namespace of their own, then {options.Pods} measured pods created through the API at {options.Parallelism} in flight (requests 100m cpu, 500Mi memory). Throughput: pods bound / (first create sent → last bind seen on a pod watch). ");
        text.Append("Latency: create sent → bind seen on the watch (end to end), and the scheduler's own attempt histogram from `/metrics` (scheduling algorithm + binding, interpolated within buckets). ");
        text.Append(inv, $"Anti-affinity: required anti-affinity on kubernetes.io/hostname among pods of one group of {options.GroupSize}. Topology spread: maxSkew 1 over topology.kubernetes.io/zone, DoNotSchedule, one label for all pods. ");
        text.Append("All processes (benchmark client, API server + store + scheduler + controllers, hollow nodes) share the machine's cores.\n\n");
        text.Append("Server CPU per pod: the server's CPU over the measured window divided by the pods bound; \"net\" first takes off the idle rate (nodes registered, no pods: Lease renewals, heartbeats) measured for ");
        text.Append(inv, $"{options.IdleSeconds} s before the pods. Allocation, GC pauses and JIT: the server's own runtime counters on `/metrics` over the measured window. Load: the machine's 1-minute load average sampled every second over the measured window (min / median / max).\n\n");
        text.Append("| shape | nodes | pods bound | pods/s | e2e latency p50 / p99 ms | attempt p50 / p99 ms | algorithm p50 / p99 ms | load min / median / max | server CPU ms per pod (net of idle) | idle cores server / hollow | CPU s server / hollow / benchmark client | server RSS MiB at nodes / at pods | hollow-nodes RSS MiB | node registration s | server allocated KiB per pod | server GC pause s (gen0/1/2 collections) | server JIT s (methods) |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in results)
        {
            text.Append(inv, $"| {r.Shape} | {r.Nodes} | {r.BoundPods}/{r.Pods} | {r.PodsPerSecond:0} | {r.LatencyP50Ms:0} / {r.LatencyP99Ms:0} | {r.AttemptP50Ms:0.0} / {r.AttemptP99Ms:0.0} | {r.AlgorithmP50Ms:0.00} / {r.AlgorithmP99Ms:0.00} | ");
            text.Append(inv, $"{r.LoadMin:0.0} / {r.LoadMedian:0.0} / {r.LoadMax:0.0} | {r.ServerCpuMsPerPod:0.00} ({r.ServerNetCpuMsPerPod:0.00}) | {r.IdleServerCores:0.00} / {r.IdleHollowCores:0.00} | {r.ServerCpuSeconds:0.0} / {r.HollowCpuSeconds:0.0} / {r.ClientCpuSeconds:0.0} | ");
            text.Append(inv, $"{r.ServerRssAtNodesMiB:0} / {r.ServerRssAtPodsMiB:0} | {r.HollowRssMiB:0} | {r.NodeRegistrationSeconds:0.0} | ");
            var rt = r.ServerRuntime;
            text.Append(inv, $"{r.ServerAllocatedKiBPerPod:0} | {rt?.GcPauseSeconds:0.00} ({rt?.Gen0:0}/{rt?.Gen1:0}/{rt?.Gen2:0}) | {rt?.JitSeconds:0.00} ({rt?.JitMethods:0}) |\n");
        }

        text.Append("\nAnchor: upstream kube-scheduler's performance floors for SchedulingBasic at 5,000 nodes are 680 pods/s (10k pods) and 810 pods/s (50k pods).\n\n");
        if (results.FirstOrDefault(r => r.Shape == PodShapes.Basic) is { } basic)
        {
            var met = basic.PodsPerSecond >= Target && basic.BoundPods == basic.Pods;
            text.Append(inv, $"Target: ≥ {Target:0} pods/s for SchedulingBasic on this 2-core machine with API server, store and hollow nodes in the same run: {basic.PodsPerSecond:0} pods/s at {basic.Nodes} nodes / {basic.Pods} pods — **{(met ? "met" : "missed")}**\n");
        }

        return text.ToString();
    }
}
