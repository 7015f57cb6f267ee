using k8s;
using Microsoft.Extensions.Logging;
using Skiff.Client.Events;
using Skiff.Client.Informers;

namespace Skiff.Client.Controllers;

/// <summary>
/// Everything one term of leadership runs: shared informers, the event writer and the controllers set up through
/// <see cref="Context"/>. Build one, call each controller's Setup with <see cref="Context"/>, then <see cref="RunAsync"/>.
/// </summary>
public sealed class ControllerRuntime
{
    private readonly List<Controller> _controllers = [];
    private readonly ISharedInformerFactory _informers;
    private readonly InformerScope? _scope;
    private readonly EventBroadcaster _events;
    private readonly ILoggerFactory _loggers;

    /// <param name="shared">
    /// Informers the process already runs (and started) for several components; the runtime's handlers on them end with
    /// <see cref="RunAsync"/>. Without it the runtime has informers of its own, stopped with it.
    /// </param>
    public ControllerRuntime(IKubernetes client, TimeProvider time, ILoggerFactory loggers, InformerOptions? informerOptions = null, ISharedInformerFactory? shared = null)
    {
        _loggers = loggers;
        _scope = shared is null ? null : new InformerScope(shared);
        _informers = _scope ?? (ISharedInformerFactory)new SharedInformerFactory(client, time, loggers, informerOptions);
        _events = new EventBroadcaster(client, time, loggers.CreateLogger("skiff.events"));
        Context = new ControllerContext
        {
            Client = client,
            Informers = _informers,
            Recorders = _events.NewRecorder,
            Time = time,
            Loggers = loggers,
            NewController = name => new ControllerBuilder(name, _informers, time, loggers.CreateLogger("skiff.controller." + name), Register),
        };
    }

    public ControllerContext Context { get; }

    public ISharedInformerFactory Informers => _informers;

    public EventBroadcaster Events => _events;

    /// <summary>Names of the controllers built so far.</summary>
    public IReadOnlyList<string> Controllers
    {
        get
        {
            lock (_controllers)
            {
                return [.. _controllers.Select(c => c.Name)];
            }
        }
    }

    /// <summary>Runs <paramref name="setup"/> and logs, rather than throws, a failure so one broken controller does not stop the rest.</summary>
    public bool TrySetup(IControllerSetup setup)
    {
        try
        {
            setup.Setup(Context);
            return true;
        }
        catch (Exception e)
        {
            ControllerLog.SetupFailed(_loggers.CreateLogger("skiff.controller-manager"), setup.Name, e);
            return false;
        }
    }

    /// <summary>Starts informers, the event writer and every controller; returns once all stopped after cancellation.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _informers.Start(ct);
        var events = Task.Run(() => _events.RunAsync(ct), CancellationToken.None);
        Controller[] controllers;
        lock (_controllers)
        {
            controllers = [.. _controllers];
        }

        try
        {
            await Task.WhenAll(controllers.Select(c => Task.Run(() => c.RunAsync(ct), CancellationToken.None))).ConfigureAwait(false);
            await events.ConfigureAwait(false);
        }
        finally
        {
            _scope?.Dispose();
        }
    }

    private void Register(Controller controller)
    {
        lock (_controllers)
        {
            _controllers.Add(controller);
        }
    }
}
