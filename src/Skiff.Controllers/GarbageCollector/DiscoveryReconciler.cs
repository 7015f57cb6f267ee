using Skiff.Client;
using Skiff.Client.Controllers;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>
/// The collector's face to the controller runtime, under one key: the first reconcile starts the graph workers on the
/// reconcile's token (which ends with this term of leadership), and every later one (a CRD or namespace changed)
/// asks for discovery to be read again.
/// </summary>
internal sealed class DiscoveryReconciler(GarbageCollectorRunner runner) : IReconciler
{
    public static readonly ObjectKey Key = new(null, "discovery");

    private readonly Lock _lock = new();
    private Task? _running;

    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        lock (_lock)
        {
            if (_running is null)
            {
                _running = Task.Run(() => RunAsync(ct), CancellationToken.None);
                return Task.FromResult(ReconcileResult.Done);
            }
        }

        runner.RequestResync();
        return Task.FromResult(ReconcileResult.Done);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using (runner)
        {
            await runner.RunAsync(ct).ConfigureAwait(false);
        }
    }
}
