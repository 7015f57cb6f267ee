using System.Diagnostics;
using k8s;
using Microsoft.Extensions.Logging;
using Skiff.HollowNodes.Heartbeat;
using Skiff.HollowNodes.Nodes;
using Skiff.HollowNodes.Pods;

namespace Skiff.HollowNodes;

/// <summary>
/// N simulated kubelets in one process, like KWOK or kubemark: registers the nodes, keeps their leases and
/// status fresh, and plays their pods' lives, all through the API. Stopping stops the heartbeats, so the
/// nodes are left to go NotReady unless <see cref="HollowNodeOptions.DeleteOnExit"/> removes them.
/// </summary>
public sealed class HollowCluster
{
    private readonly IKubernetes _client;
    private readonly HollowNodeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public HollowCluster(IKubernetes client, HollowNodeOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var builder = new NodeBuilder(_options);
        var nodes = new NodeSet(builder, _options.Count);
        var registrar = new NodeRegistrar(_client, builder, _options, _time);
        var failures = new FailureCounter(_logger, _time, TimeSpan.FromSeconds(10));
        var simulator = new PodSimulator(_client, nodes, _options, _time, _logger);
        var watcher = new PodWatcher(_client, simulator, _time, _logger);
        var leases = new LeaseRenewer(_client, nodes, registrar, _options, _time, failures);
        var status = new NodeStatusReporter(_client, nodes, registrar, _options, _time, failures);

        var clock = Stopwatch.StartNew();
        Task running = Task.CompletedTask;
        try
        {
            await registrar.RegisterAllAsync(nodes, ct).ConfigureAwait(false);
            HollowLog.Registered(_logger, nodes.Count, clock.Elapsed.TotalSeconds);
            running = Task.WhenAll(
                leases.Schedule().RunAsync(ct),
                status.Schedule().RunAsync(ct),
                watcher.RunAsync(ct),
                simulator.RunAsync(ct));
            await running.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        if (!_options.DeleteOnExit)
        {
            await Quietly(running).ConfigureAwait(false);
            HollowLog.StoppingKeep(_logger);
            return;
        }

        // The process has only a short grace after SIGTERM, so removal starts while the loops still wind down.
        using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var deleting = registrar.DeleteAllAsync(nodes, cleanup.Token);
        await Quietly(running).ConfigureAwait(false);
        var deleted = await deleting.ConfigureAwait(false);
        HollowLog.StoppingDeleted(_logger, deleted);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
