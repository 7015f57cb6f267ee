using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Informers;

namespace Skiff.Bench.Controllers;

/// <summary>
/// Fills a namespace with small pods bound to a node that does not exist (so neither the scheduler nor a kubelet
/// acts on them), then starts a shared pod informer in this process and measures how much the managed heap grew.
/// </summary>
internal sealed class InformerBench(ControllerBenchSettings settings, KubeApi api, string kubeconfig, TextWriter log)
{
    private const string Namespace = "informer-bench";

    public async Task<InformerResult> RunAsync()
    {
        await api.CreateNamespaceAsync(Namespace);
        var fill = Stopwatch.StartNew();
        await Parallel.ForAsync(0, settings.InformerPods, new ParallelOptions { MaxDegreeOfParallelism = settings.CreateParallelism }, async (i, _) =>
            await api.CreateBoundPodAsync(Namespace, $"p-{i:00000}", "bench-absent-node"));
        fill.Stop();
        log.WriteLine($"  {settings.InformerPods} pods created in {fill.Elapsed.TotalSeconds:0.0} s");

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        using var client = new Kubernetes(config);

        // The client and its connection exist before the baseline, so only the informer's cache and machinery count.
        await client.CoreV1.ListNamespacedPodAsync(Namespace, limit: 1);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var cts = new CancellationTokenSource();
        var factory = new SharedInformerFactory(client, TimeProvider.System, NullLoggerFactory.Instance);
        var informer = factory.Get<V1Pod>();
        var sync = Stopwatch.StartNew();
        factory.Start(cts.Token);
        await informer.Synced.WaitAsync(settings.PhaseCap);
        sync.Stop();
        var cached = informer.Lister.List().Count;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(factory);
        await cts.CancelAsync();
        log.WriteLine($"  informer synced {cached} pods in {sync.Elapsed.TotalSeconds:0.0} s; heap {before / 1048576.0:0.0} -> {after / 1048576.0:0.0} MiB");
        return new InformerResult(cached, after - before, fill.Elapsed, sync.Elapsed);
    }
}
