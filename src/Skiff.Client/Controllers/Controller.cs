using Microsoft.Extensions.Logging;
using Skiff.Client.Queue;

namespace Skiff.Client.Controllers;

/// <summary>
/// Runs one reconciler: waits for its informers' first lists, then N workers take keys from the queue. Retry policy
/// lives here for every controller: success forgets the key's backoff, an error backs it off, a terminal error drops it.
/// </summary>
internal sealed class Controller
{
    private readonly IReconciler _reconciler;
    private readonly IReadOnlyList<Task> _synced;
    private readonly IReadOnlyList<IDisposable> _handlers;
    private readonly int _workers;
    private readonly ILogger _logger;

    public Controller(string name, IReconciler reconciler, RateLimitedWorkQueue<ObjectKey> queue, IReadOnlyList<Task> synced, IReadOnlyList<IDisposable> handlers, int workers, ILogger logger)
    {
        Name = name;
        _reconciler = reconciler;
        Queue = queue;
        _synced = synced;
        _handlers = handlers;
        _workers = workers;
        _logger = logger;
    }

    public string Name { get; }

    public RateLimitedWorkQueue<ObjectKey> Queue { get; }

    public async Task RunAsync(CancellationToken ct)
    {
        using var stop = ct.Register(Queue.ShutDown);
        try
        {
            await Task.WhenAll(_synced).WaitAsync(ct).ConfigureAwait(false);
            ControllerLog.Starting(_logger, Name, _workers);
            var workers = new Task[_workers];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = Task.Run(() => WorkAsync(ct), CancellationToken.None);
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var handler in _handlers)
            {
                handler.Dispose();
            }

            Queue.Dispose();
            ControllerLog.Stopped(_logger, Name);
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var (ok, key) = await Queue.TakeAsync(CancellationToken.None).ConfigureAwait(false);
            if (!ok)
            {
                return;
            }

            try
            {
                if (!ct.IsCancellationRequested)
                {
                    await ReconcileAsync(key, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        try
        {
            var result = await _reconciler.ReconcileAsync(key, ct).ConfigureAwait(false);
            Queue.Forget(key);
            if (result.RequeueAfter is { } delay)
            {
                Queue.AddAfter(key, delay);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (TerminalReconcileException e)
        {
            ControllerLog.Terminal(_logger, Name, key.ToString(), e.Message);
            Queue.Forget(key);
        }
        catch (Exception e)
        {
            ControllerLog.Failed(_logger, Name, key.ToString(), Queue.Retries(key), e.Message);
            Queue.AddRateLimited(key);
        }
    }
}
