using Microsoft.Extensions.Logging;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;

namespace Skiff.ApiServer.CustomResources;

/// <summary>The CRD watch that feeds the work queue, and the worker that drains it.</summary>
public sealed partial class CrdController
{
    private async Task WatchLoopAsync(CancellationToken ct)
    {
        var cache = _caches.For(_crds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // The initial state replays every CRD, so nothing changed while not subscribed is missed.
                using var subscription = await cache.SubscribeAsync(string.Empty, 0, initialState: true, ct).ConfigureAwait(false);
                if (subscription is null)
                {
                    continue;
                }

                await foreach (var e in subscription.Events.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    if ((e.Object ?? e.Previous) is { } changed)
                    {
                        Enqueue(Json.Name(changed.Object));
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (WatchOverflowException)
            {
                // Fell behind; subscribe again from the current state.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWatchFailed(_logger, e);
                await Task.Delay(CleanupRetry, _time, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task WorkLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var name in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                lock (_queued)
                {
                    _queued.Remove(name);
                }

                if (!await ReconcileSafelyAsync(name, ct).ConfigureAwait(false))
                {
                    _ = RequeueLaterAsync(name, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> ReconcileSafelyAsync(string name, CancellationToken ct)
    {
        try
        {
            return await ReconcileAsync(name, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            LogReconcileFailed(_logger, name, e);
            return false;
        }
    }

    private async Task RequeueLaterAsync(string name, CancellationToken ct)
    {
        try
        {
            await Task.Delay(CleanupRetry, _time, ct).ConfigureAwait(false);
            Enqueue(name);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Enqueue(string name)
    {
        lock (_queued)
        {
            if (name.Length == 0 || !_queued.Add(name))
            {
                return;
            }
        }

        _queue.Writer.TryWrite(name);
    }

    /// <summary>A CRD going away can free names another CRD asked for, so every CRD is looked at again.</summary>
    private void RequeueAll()
    {
        _ = RequeueAllAsync();
    }

    private async Task RequeueAllAsync()
    {
        try
        {
            var page = await _crds.Store.ListAsync(_crds.Prefix(string.Empty), Storage.ListOptions.All, _stop.Token).ConfigureAwait(false);
            foreach (var kv in page.Items)
            {
                Enqueue(Json.Name(_crds.Decode(kv.Value, kv.ModRevision).Object));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "CRD {Name} could not be reconciled; retrying")]
    private static partial void LogReconcileFailed(ILogger logger, string name, Exception error);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "CRD watch failed; resubscribing")]
    private static partial void LogWatchFailed(ILogger logger, Exception error);
}
