using k8s;
using Microsoft.Extensions.Logging;
using Skiff.Client.Controllers;
using Skiff.Client.LeaderElection;

namespace Skiff.Controllers.Hosting;

/// <summary>
/// kube-controller-manager: campaigns for the controller-manager Lease and, for each term it leads, builds fresh
/// informers and controllers, runs them, and tears them all down when the lease is lost, so two servers never run
/// the same controller at once.
/// </summary>
public sealed class ControllerManager
{
    private readonly IKubernetes _client;
    private readonly IReadOnlyList<IControllerSetup> _setups;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ControllerManagerOptions _options;
    private readonly ILogger _logger;
    private readonly LeaderElector _elector;

    public ControllerManager(IKubernetes client, IReadOnlyList<IControllerSetup> setups, TimeProvider time, ILoggerFactory loggers, ControllerManagerOptions? options = null)
    {
        _client = client;
        _setups = setups;
        _time = time;
        _loggers = loggers;
        _options = options ?? new ControllerManagerOptions();
        _logger = loggers.CreateLogger("skiff.controller-manager");
        _elector = new LeaderElector(client, _options.LeaderElection, time, loggers.CreateLogger("skiff.leader-election"));
    }

    public bool IsLeader => _elector.IsLeader;

    /// <summary>Runs until cancelled; releases the lease on the way out.</summary>
    public Task RunAsync(CancellationToken ct) => _elector.RunAsync(LeadAsync, ct);

    private async Task LeadAsync(CancellationToken leading)
    {
        var runtime = new ControllerRuntime(_client, _time, _loggers, _options.Informers, _options.SharedInformers);
        foreach (var setup in _setups)
        {
            runtime.TrySetup(setup);
        }

        ControllerManagerLog.Starting(_logger, runtime.Controllers.Count, string.Join(", ", runtime.Controllers));
        await runtime.RunAsync(leading).ConfigureAwait(false);
        ControllerManagerLog.Stopped(_logger);
    }
}
