using System.Diagnostics;
using System.Text.Json;

namespace Skiff.Bench.Controllers;

/// <summary>
/// Scales a Deployment from nothing to <see cref="ControllerBenchSettings.Replicas"/> on hollow nodes, then rolls it
/// to a new image, polling the API for progress and reading the server's CPU and memory from /proc.
/// </summary>
internal sealed class DeploymentBench(ControllerBenchSettings settings, KubeApi api, ProcessMeter meter, TextWriter log)
{
    private const string Namespace = "bench";
    private const string Name = "web";

    // Listing every pod costs the server more than reading one Deployment, so pod counts are polled less often.
    private static readonly TimeSpan PodPollInterval = TimeSpan.FromMilliseconds(500);

    public async Task WaitForNodesAsync()
    {
        await PollAsync("nodes Ready", async () => await api.CountReadyNodesAsync() >= settings.Nodes, settings.PollInterval);
    }

    public async Task<DeploymentResult> RunAsync()
    {
        var idle = meter.RssMiB();
        await api.CreateNamespaceAsync(Namespace);

        var mark = meter.Begin();
        var clock = Stopwatch.StartNew();
        await api.CreateDeploymentAsync(Namespace, Name, settings.Replicas, "registry.local/web:1");
        await PollAsync("all pods created", async () => await api.CountPodsAsync(Namespace) >= settings.Replicas, PodPollInterval);
        var created = clock.Elapsed;
        log.WriteLine($"  {settings.Replicas} pods exist after {created.TotalSeconds:0.0} s");
        await PollAsync("all replicas available", async () => Status(await api.GetDeploymentAsync(Namespace, Name), "availableReplicas") >= settings.Replicas, settings.PollInterval);
        var available = clock.Elapsed;
        var scale = meter.End(mark, available);
        log.WriteLine($"  {settings.Replicas} available after {available.TotalSeconds:0.0} s, server CPU {scale.CpuSeconds:0.0} s");

        mark = meter.Begin();
        clock.Restart();
        await api.SetImageAsync(Namespace, Name, "registry.local/web:2");
        await PollAsync("rollout complete", RolloutCompleteAsync, settings.PollInterval);
        var rolled = clock.Elapsed;
        var rollout = meter.End(mark, rolled);
        log.WriteLine($"  rollout complete after {rolled.TotalSeconds:0.0} s, server CPU {rollout.CpuSeconds:0.0} s");
        return new DeploymentResult(created, available, scale, rolled, rollout, idle);
    }

    private async Task<bool> RolloutCompleteAsync()
    {
        var deployment = await api.GetDeploymentAsync(Namespace, Name);
        var generation = deployment.GetProperty("metadata").GetProperty("generation").GetInt64();
        var observed = deployment.GetProperty("status").TryGetProperty("observedGeneration", out var o) ? o.GetInt64() : 0;
        var done = observed >= generation
            && Status(deployment, "updatedReplicas") == settings.Replicas
            && Status(deployment, "availableReplicas") == settings.Replicas
            && Status(deployment, "replicas") == settings.Replicas;
        if (!done)
        {
            return false;
        }

        // The old ReplicaSet must be scaled to zero, not merely have no pods counted.
        var sizes = await api.ReplicaSetSizesAsync(Namespace);
        return sizes.Count(size => size > 0) == 1;
    }

    private static int Status(JsonElement deployment, string field) =>
        deployment.TryGetProperty("status", out var status) && status.TryGetProperty(field, out var value) ? value.GetInt32() : 0;

    private async Task PollAsync(string what, Func<Task<bool>> done, TimeSpan interval)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < settings.PhaseCap)
        {
            meter.Sample();
            if (await done())
            {
                return;
            }

            await Task.Delay(interval);
        }

        var deployment = await api.GetDeploymentAsync(Namespace, Name).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.ToString() : "(no deployment)", TaskScheduler.Default);
        throw new TimeoutException($"{what}: not done within {settings.PhaseCap.TotalSeconds:0} s; deployment now: {deployment}");
    }
}
