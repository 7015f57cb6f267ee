using Etcdserverpb;
using Grpc.Net.Client;

namespace Skiff.Storage.Etcd;

/// <summary>
/// <see cref="IStore"/> on an etcd v3 cluster. Revisions, create and mod revisions are etcd's own, so
/// a resourceVersion read through Skiff is the one etcdctl shows. A conditional write is one
/// transaction and so one raft round, like a plain put. Under load etcd 3.4 still runs such a
/// transaction more slowly than a put (see bench/RESULTS.md).
/// </summary>
public sealed partial class EtcdStore : IStore
{
    private readonly GrpcChannel _channel;
    private readonly KV.KVClient _kv;
    private readonly Watch.WatchClient _watch;
    private readonly Maintenance.MaintenanceClient _maintenance;
    private readonly TimeProvider _time;
    private readonly TimeSpan _requestTimeout;
    // Never disposed: watches may still read its token after the store closed (it has no timer to free).
    private readonly CancellationTokenSource _closing = new();
    private int _disposed;
    private BackgroundCompactor? _compactor;

    public EtcdStore(EtcdStoreOptions options, TimeProvider? time = null)
    {
        _channel = EtcdChannelFactory.Create(options);
        _kv = new KV.KVClient(_channel);
        _watch = new Watch.WatchClient(_channel);
        _maintenance = new Maintenance.MaintenanceClient(_channel);
        _time = time ?? TimeProvider.System;
        _requestTimeout = options.RequestTimeout;
    }

    /// <summary>
    /// Connects and makes one read, so a wrong endpoint or certificate fails at start rather than on
    /// the first request; then compacts history in the background as <paramref name="storeOptions"/> says.
    /// </summary>
    /// <exception cref="StoreException">Unavailable, with etcd's or the TLS layer's reason.</exception>
    public static async Task<EtcdStore> OpenAsync(EtcdStoreOptions options, StoreOptions? storeOptions = null, CancellationToken ct = default)
    {
        var store = new EtcdStore(options, storeOptions?.TimeProvider);
        try
        {
            await store.CurrentRevisionAsync(ct).ConfigureAwait(false);

            // Like kube-apiserver, the server compacts etcd itself; several servers sharing one etcd
            // each do, and a compaction someone else already did is a no-op.
            store._compactor = storeOptions is null ? null : BackgroundCompactor.Start(store, storeOptions);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<long> CurrentRevisionAsync(CancellationToken ct = default)
    {
        // Any linearizable read carries the newest revision in its header; a count of one absent key is the cheapest.
        var response = await EtcdErrors.CallAsync(() => _kv.RangeAsync(new RangeRequest { Key = EtcdKeys.Key("\0"), CountOnly = true }, deadline: Deadline(), cancellationToken: ct)).ConfigureAwait(false);
        return response.Header.Revision;
    }

    public async Task<KeyValue?> GetAsync(string key, CancellationToken ct = default)
    {
        var response = await EtcdErrors.CallAsync(() => _kv.RangeAsync(new RangeRequest { Key = EtcdKeys.Key(key) }, deadline: Deadline(), cancellationToken: ct)).ConfigureAwait(false);
        return response.Kvs.Count == 0 ? null : EtcdKeys.ToKeyValue(response.Kvs[0]);
    }

    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long fromRevision, WatchOptions? options = null, CancellationToken ct = default) =>
        new EtcdWatch(_watch, prefix, fromRevision, options ?? WatchOptions.Default, _time, _closing.Token).RunAsync(ct);

    // gRPC deadlines are wall-clock instants, so they come from the real clock even when tests fake _time.
    private DateTime Deadline() => DateTime.UtcNow + _requestTimeout;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Open watches end with Unavailable before the channel under them goes away.
        await _closing.CancelAsync().ConfigureAwait(false);
        if (_compactor is not null)
        {
            await _compactor.DisposeAsync().ConfigureAwait(false);
        }

        _channel.Dispose();
    }
}
