using System.Globalization;

namespace Skiff.Bench.ApiServer;

/// <summary>Every measured phase against one running server.</summary>
internal sealed class ServerWorkloads(BenchSettings settings, TextWriter log)
{
    public async Task<ServerResult> RunAsync(string backend, SkiffServer server)
    {
        var result = new ServerResult(backend) { StartToReadyMs = server.StartToReady.TotalMilliseconds };
        await Task.Delay(settings.IdleWait);
        result.IdleRssMiB = server.RssMiB();
        using (var probe = await server.Client.GetAsync("/readyz"))
        {
            result.HttpVersion = $"HTTP/{probe.Version}";
        }

        var api = new KubeApi(server.Client);
        var cap = settings.PhaseCap;
        log.WriteLine($"{backend}: ready in {result.StartToReadyMs:0} ms, idle RSS {result.IdleRssMiB:0} MiB, {result.HttpVersion}");

        await api.CreateNamespaceAsync("lat");
        result.Creates.AddRange(await Timed.SerialAsync(settings.SerialOps, cap, i => api.CreateConfigMapAsync("lat", Name("cm", i), "v")));
        result.Gets.AddRange(await Timed.SerialAsync(settings.SerialOps, cap, _ => api.GetConfigMapAsync("lat", Name("cm", 0))));
        var rv = await api.CreateConfigMapAsync("lat", "upd", "0");
        result.Updates.AddRange(await Timed.SerialAsync(settings.SerialOps, cap, async i => rv = await api.UpdateConfigMapAsync("lat", "upd", Num(i), rv)));
        log.WriteLine($"  serial creates {result.Creates.Count}, gets {result.Gets.Count}, updates {result.Updates.Count}");

        await api.CreateNamespaceAsync("pods");
        await Timed.ThroughputAsync(16, settings.Pods, cap, i => api.CreatePodAsync("pods", Name("pod", i)));
        result.PodsListed = await api.ListPodsAsync("pods", null);
        result.ListsNoRv.AddRange(await Timed.SerialAsync(settings.Lists, cap, _ => api.ListPodsAsync("pods", null)));
        result.ListsRv0.AddRange(await Timed.SerialAsync(settings.Lists, cap, _ => api.ListPodsAsync("pods", "0")));
        log.WriteLine($"  {result.PodsListed} pods listed {result.ListsNoRv.Count} + {result.ListsRv0.Count} times");

        foreach (var clients in settings.Concurrency)
        {
            var ns = $"tput{clients}";
            await api.CreateNamespaceAsync(ns);
            var cpu = CpuMark.Take(server);
            result.CreatesPerSecond[clients] = await Timed.ThroughputAsync(clients, settings.ThroughputCreates, cap, i => api.CreateConfigMapAsync(ns, Name("cm", i), "v"));
            var used = cpu.Since(server);
            result.CpuPerOp[$"create ×{clients}"] = used.Per(await CountAsync(api, ns));
            log.WriteLine($"  creates ×{clients}: {result.CreatesPerSecond[clients]:0}/s");
        }

        var watchCpu = CpuMark.Take(server);
        result.Watch = await new WatchFanOut(api, log).RunAsync("watch", settings.Watchers, settings.WatchUpdates, settings.WatchSpacing, cap);
        result.CpuPerOp["watch phase (opens + deliveries) per delivery"] = watchCpu.Since(server).Per(Math.Max(1, result.Watch.Delivered));
        log.WriteLine($"  watch: {result.Watch.Delivered}/{result.Watch.Expected} deliveries");
        return result;
    }

    private static async Task<int> CountAsync(KubeApi api, string ns) => Math.Max(1, await api.CountConfigMapsAsync(ns));

    private static string Name(string prefix, int i) => $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}";

    private static string Num(int i) => i.ToString(CultureInfo.InvariantCulture);
}
