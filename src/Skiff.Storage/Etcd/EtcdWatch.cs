using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Etcdserverpb;
using Grpc.Core;

namespace Skiff.Storage.Etcd;

/// <summary>
/// One etcd watch stream per store watch, pumped into a bounded buffer so a slow consumer ends its
/// own watch (WatchLagging) instead of holding up the stream or anyone else.
/// </summary>
internal sealed class EtcdWatch
{
    private readonly Watch.WatchClient _client;
    private readonly string _prefix;
    private readonly long _fromRevision;
    private readonly WatchOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _closing;
    private readonly Channel<WatchEvent> _buffer;
    private readonly Lock _gate = new();

    // Guarded by _gate: the newest revision handed to the buffer, and a progress answer not yet trusted.
    private long _delivered;
    private long _pendingProgress;

    public EtcdWatch(Watch.WatchClient client, string prefix, long fromRevision, WatchOptions options, TimeProvider time, CancellationToken closing)
    {
        _closing = closing;
        _client = client;
        _prefix = prefix;
        _fromRevision = fromRevision;
        _options = options;
        _time = time;
        _delivered = fromRevision;
        _buffer = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(Math.Max(1, options.BufferSize)) { SingleReader = true });
    }

    public async IAsyncEnumerable<WatchEvent> RunAsync([EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _closing);
        using var call = _client.Watch(cancellationToken: stop.Token);
        var pump = PumpAsync(call, stop);
        try
        {
            while (await _buffer.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (_buffer.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
    }

    private async Task PumpAsync(AsyncDuplexStreamingCall<WatchRequest, WatchResponse> call, CancellationTokenSource stop)
    {
        var ct = stop.Token;
        Exception? end = null;
        Task progress = Task.CompletedTask;
        try
        {
            await call.RequestStream.WriteAsync(new WatchRequest { CreateRequest = CreateRequest() }, ct).ConfigureAwait(false);
            if (_options.ProgressInterval is { } interval && interval > TimeSpan.Zero)
            {
                progress = RequestProgressAsync(call.RequestStream, interval, ct);
            }

            var lagging = false;
            await foreach (var response in call.ResponseStream.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (!Accept(response))
                {
                    lagging = true;
                    break;
                }
            }

            if (!lagging)
            {
                end = new StoreException(StoreErrorKind.Unavailable, "etcd ended the watch stream");
            }
        }
        catch (Exception e) when (ct.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            // Either the consumer stopped (it sees its own cancellation) or the store is closing.
            end = _closing.IsCancellationRequested ? new StoreException(StoreErrorKind.Unavailable, "the etcd store was closed") : null;
        }
        catch (RpcException e)
        {
            end = EtcdErrors.Translate(e);
        }
        catch (StoreException e)
        {
            end = e;
        }
        finally
        {
            _buffer.Writer.TryComplete(end);

            // A lagging or failed watch has nothing more to say: close the stream now, not when the consumer gets round to disposing.
            await stop.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await progress.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or InvalidOperationException)
        {
            // The request side dies with the stream; the reason, if any, was reported above.
        }
    }

    private WatchCreateRequest CreateRequest() => new()
    {
        Key = EtcdKeys.RangeStart(_prefix),
        RangeEnd = EtcdKeys.RangeEnd(_prefix),
        StartRevision = _fromRevision > 0 ? _fromRevision + 1 : 0,
        PrevKv = true,
    };

    /// <summary>Handles one response; false when the consumer fell behind and the buffer has been closed with WatchLagging.</summary>
    private bool Accept(WatchResponse response)
    {
        if (response.CompactRevision != 0)
        {
            throw new StoreException(StoreErrorKind.Compacted, $"watch from revision {_fromRevision} is older than the compaction at {response.CompactRevision}", compactRevision: response.CompactRevision);
        }

        if (response.Canceled)
        {
            throw new StoreException(StoreErrorKind.Unavailable, "etcd cancelled the watch: " + response.CancelReason);
        }

        lock (_gate)
        {
            if (response.Created)
            {
                // Watching "from now": everything up to the creation revision counts as delivered.
                _delivered = Math.Max(_delivered, response.Header.Revision);
                return true;
            }

            if (response.Events.Count == 0)
            {
                _pendingProgress = Math.Max(_pendingProgress, response.Header.Revision);
                return true;
            }

            foreach (var e in response.Events)
            {
                if (!Offer(ToWatchEvent(e)))
                {
                    return false;
                }
            }

            return true;
        }
    }

    // Caller holds _gate.
    private bool Offer(WatchEvent item)
    {
        if (_buffer.Writer.TryWrite(item))
        {
            _delivered = Math.Max(_delivered, item.Revision);
            return true;
        }

        _buffer.Writer.TryComplete(new StoreException(StoreErrorKind.WatchLagging, $"watch on {_prefix} fell more than {_options.BufferSize} events behind at revision {_delivered}"));
        return false;
    }

    /// <summary>
    /// Asks etcd for its revision every interval and reports the answer one interval later. etcd 3.4
    /// sends that answer on a different internal queue than the events, so it can overtake events
    /// it already counts; waiting an interval lets those land first. An answer below what was delivered
    /// since is stale and dropped.
    /// </summary>
    private async Task RequestProgressAsync(IClientStreamWriter<WatchRequest> requests, TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, _time);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            lock (_gate)
            {
                if (_pendingProgress > 0 && _pendingProgress >= _delivered && !Offer(WatchEvent.Progress(_pendingProgress)))
                {
                    return;
                }

                _pendingProgress = 0;
            }

            await requests.WriteAsync(new WatchRequest { ProgressRequest = new WatchProgressRequest() }, ct).ConfigureAwait(false);
        }
    }

    private static WatchEvent ToWatchEvent(Mvccpb.Event e)
    {
        var kv = e.Kv;
        if (e.Type == Mvccpb.Event.Types.EventType.Delete)
        {
            // A delete carries only the key; its last value comes from prev_kv.
            var last = e.PrevKv;
            return new WatchEvent(WatchEventType.Deleted, kv.Key.ToStringUtf8(), last is null ? [] : EtcdKeys.Bytes(last.Value), kv.ModRevision, last?.CreateRevision ?? 0);
        }

        var type = kv.CreateRevision == kv.ModRevision ? WatchEventType.Added : WatchEventType.Modified;
        return new WatchEvent(type, kv.Key.ToStringUtf8(), EtcdKeys.Bytes(kv.Value), kv.ModRevision, kv.CreateRevision);
    }
}
