using System.Diagnostics;
using System.Net;
using System.Text;
using Skiff.Bench.Storage;

namespace Skiff.Bench.Scheduler;

/// <summary>
/// One shape on a fresh cluster: register the nodes, create the pods at bounded parallelism, and wait (bounded)
/// until the watch has seen every pod bound.
/// </summary>
internal sealed class ShapeRun(string skiffDll, BenchOptions options, TextWriter log)
{
    private const string Namespace = "bench";
    private const string InitNamespace = "bench-init";

    public async Task<ShapeResult> RunAsync(string shape)
    {
        log.WriteLine($"== {shape}: {options.Pods} pods onto {options.Nodes} nodes");
        await using var cluster = await BenchCluster.StartAsync(skiffDll, options, log);

        // Let the scheduler's node informer take in the last registrations before the clock starts.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var rssAtNodes = cluster.Server.RssMiB();
        await CreateNamespaceAsync(cluster.Client, Namespace);

        // The idle cost of the cluster (Lease renewals, node heartbeats, controllers' resyncs) goes on during the pods
        // too; measured alone first, it can be taken off the per-pod figure.
        var idleClock = Stopwatch.StartNew();
        var idleServer = cluster.Server.Cpu();
        var idleHollow = cluster.Nodes!.Cpu();
        await Task.Delay(options.IdleSeconds * 1000);
        var idleServerRate = (cluster.Server.Cpu() - idleServer).TotalSeconds / idleClock.Elapsed.TotalSeconds;
        var idleHollowRate = (cluster.Nodes.Cpu() - idleHollow).TotalSeconds / idleClock.Elapsed.TotalSeconds;
        log.WriteLine($"idle: server {idleServerRate:0.00} cores, hollow nodes {idleHollowRate:0.00} cores");

        // After the idle sample: the hollow nodes keep starting the init pods for a while after they are bound.
        await CreateInitPodsAsync(cluster, shape);
        var attemptsBefore = await MetricsScrape.BucketsAsync(cluster.Client, MetricsScrape.AttemptBucket);
        var algorithmBefore = await MetricsScrape.BucketsAsync(cluster.Client, MetricsScrape.AlgorithmBucket);

        await using var load = new LoadSampler();
        var clock = Stopwatch.StartNew();
        var serverCpu = cluster.Server.Cpu();
        var hollowCpu = cluster.Nodes!.Cpu();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var runtimeBefore = await RuntimeSample.ScrapeAsync(cluster.Client);
        await using var watch = await PodBindWatch.StartAsync(cluster.WatchClient, Namespace, clock);
        var created = new TimeSpan[options.Pods];
        var firstCreate = clock.Elapsed;
        await CreatePodsAsync(cluster.Client, Namespace, shape, options.Pods, i => created[i] = clock.Elapsed);
        var createSeconds = (clock.Elapsed - firstCreate).TotalSeconds;
        log.WriteLine($"created {options.Pods} pods in {createSeconds:0.0} s; {watch.Count} bound so far");

        var deadline = clock.Elapsed + options.BindTimeout;
        var lastReport = clock.Elapsed;
        while (watch.Count < options.Pods && clock.Elapsed < deadline && watch.Failure is null)
        {
            await Task.Delay(200);
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = clock.Elapsed;
                log.WriteLine($"  {watch.Count}/{options.Pods} bound at {clock.Elapsed.TotalSeconds:0} s");
            }
        }

        if (watch.Failure is { } failure)
        {
            throw new InvalidOperationException("the pod watch failed", failure);
        }

        var bound = watch.Bound;
        var lastBound = bound.Count == 0 ? clock.Elapsed : bound.Values.Max();
        var latencies = new List<double>(bound.Count);
        foreach (var (name, at) in bound)
        {
            var index = int.Parse(name.AsSpan("pod-".Length), System.Globalization.CultureInfo.InvariantCulture);
            latencies.Add((at - created[index]).TotalMilliseconds);
        }

        var measured = clock.Elapsed.TotalSeconds;
        var serverCpuSeconds = (cluster.Server.Cpu() - serverCpu).TotalSeconds;
        var hollowCpuSeconds = (cluster.Nodes.Cpu() - hollowCpu).TotalSeconds;
        var clientCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds;
        var runtime = (await RuntimeSample.ScrapeAsync(cluster.Client)).Since(runtimeBefore);
        var (loadMin, loadMedian, loadMax) = load.Summary();
        var (attemptP50, attemptP99, attempts) = MetricsScrape.Between(attemptsBefore, await MetricsScrape.BucketsAsync(cluster.Client, MetricsScrape.AttemptBucket));
        var (algorithmP50, algorithmP99, _) = MetricsScrape.Between(algorithmBefore, await MetricsScrape.BucketsAsync(cluster.Client, MetricsScrape.AlgorithmBucket));
        var result = new ShapeResult(
            shape,
            options.Nodes,
            options.Pods,
            bound.Count,
            cluster.NodeRegistration.TotalSeconds,
            createSeconds,
            bound.Count / (lastBound - firstCreate).TotalSeconds,
            Percentiles.Of(latencies, 50),
            Percentiles.Of(latencies, 99),
            attemptP50,
            attemptP99,
            rssAtNodes,
            cluster.Server.RssMiB(),
            cluster.Nodes.RssMiB(),
            serverCpuSeconds,
            hollowCpuSeconds)
        {
            AlgorithmP50Ms = algorithmP50,
            AlgorithmP99Ms = algorithmP99,
            MeasuredSeconds = measured,
            IdleServerCores = idleServerRate,
            IdleHollowCores = idleHollowRate,
            ClientCpuSeconds = clientCpuSeconds,
            ServerRuntime = runtime,
            LoadMin = loadMin,
            LoadMedian = loadMedian,
            LoadMax = loadMax,
        };
        log.WriteLine($"{shape}: {result.BoundPods}/{result.Pods} bound, {result.PodsPerSecond:0} pods/s, latency p50 {result.LatencyP50Ms:0} ms p99 {result.LatencyP99Ms:0} ms, " +
            $"attempt p50 {attemptP50:0.0} ms p99 {attemptP99:0.0} ms ({attempts} scheduled attempts), algorithm p50 {algorithmP50:0.00} ms p99 {algorithmP99:0.00} ms, " +
            $"server RSS {result.ServerRssAtNodesMiB:0} → {result.ServerRssAtPodsMiB:0} MiB, server CPU {serverCpuSeconds:0.0} s ({result.ServerCpuMsPerPod:0.00} ms/pod, net of idle {result.ServerNetCpuMsPerPod:0.00}), " +
            $"allocated {result.ServerAllocatedKiBPerPod:0} KiB/pod, GC pause {runtime.GcPauseSeconds:0.00} s (gen0/1/2 {runtime.Gen0:0}/{runtime.Gen1:0}/{runtime.Gen2:0}), JIT {runtime.JitSeconds:0.00} s ({runtime.JitMethods:0} methods), " +
            $"hollow CPU {hollowCpuSeconds:0.0} s, benchmark client CPU {clientCpuSeconds:0.0} s, load {loadMin:0.0}–{loadMax:0.0} (median {loadMedian:0.0})");
        return result;
    }

    /// <summary>Upstream's unmeasured first batch, in a namespace of its own, bound before the idle sample and the clock.</summary>
    private async Task CreateInitPodsAsync(BenchCluster cluster, string shape)
    {
        if (options.InitPods == 0)
        {
            return;
        }

        await CreateNamespaceAsync(cluster.Client, InitNamespace);
        var clock = Stopwatch.StartNew();
        await using var watch = await PodBindWatch.StartAsync(cluster.WatchClient, InitNamespace, clock);
        await CreatePodsAsync(cluster.Client, InitNamespace, shape, options.InitPods, _ => { });
        while (watch.Count < options.InitPods && clock.Elapsed < options.BindTimeout && watch.Failure is null)
        {
            await Task.Delay(200);
        }

        if (watch.Count < options.InitPods)
        {
            throw new InvalidOperationException($"only {watch.Count} of {options.InitPods} init pods bound in {clock.Elapsed.TotalSeconds:0} s", watch.Failure);
        }

        log.WriteLine($"{options.InitPods} init pods bound in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task CreatePodsAsync(HttpClient client, string ns, string shape, int count, Action<int> sending) =>
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism },
            async (i, ct) =>
            {
                sending(i);
                await CreatePodAsync(client, ns, PodShapes.Pod(shape, i, options), ct);
            });

    private static async Task CreateNamespaceAsync(HttpClient client, string name)
    {
        using var content = new StringContent($"{{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{{\"name\":\"{name}\"}}}}", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/v1/namespaces", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Retries throttling and server errors a few times, as client-go would; anything else is a benchmark bug.</summary>
    private static async Task CreatePodAsync(HttpClient client, string ns, string json, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync($"/api/v1/namespaces/{ns}/pods", content, ct);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (attempt >= 5 || (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500))
            {
                throw new HttpRequestException($"create pod: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }

            await Task.Delay(100 * attempt, ct);
        }
    }
}
