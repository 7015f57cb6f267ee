using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Controllers;
using Skiff.Controllers.GarbageCollector;
using Skiff.Controllers.Namespace;
using Skiff.Controllers.PodGC;
using Skiff.Controllers.ServiceAccount;
using Skiff.Testing;

namespace Skiff.Controllers.Tests.Components;

/// <summary>A real in-process API server with the garbage collector, namespace, service-account and pod GC controllers (pod GC with a 1 s quarantine) running against it.</summary>
public sealed class ControllerCluster : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private InProcessCluster? _cluster;
    private Task? _running;

    public Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = await InProcessCluster.StartAsync();
        Client = _cluster.NewClient();
        var runtime = new ControllerRuntime(_cluster.NewClient(), TimeProvider.System, NullLoggerFactory.Instance);
        Assert.True(runtime.TrySetup(new GarbageCollectorSetup()));
        Assert.True(runtime.TrySetup(new NamespaceSetup()));
        Assert.True(runtime.TrySetup(new ServiceAccountSetup()));
        Assert.True(runtime.TrySetup(new PodGcSetup(new PodGcOptions { Quarantine = TimeSpan.FromSeconds(1), CheckPeriod = TimeSpan.FromSeconds(1) })));
        _running = runtime.RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Client.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _stop.Dispose();
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails after the timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"timed out waiting for {what}");
    }
}
