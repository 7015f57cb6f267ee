using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;

namespace Skiff.Bench.Storage;

/// <summary>
/// The baseline: dotnet-etcd's own client doing the nearest plain etcd call for each operation
/// (put for create and update, no compare), so the ratio shows what the store's checks and mapping cost.
/// </summary>
internal sealed class RawEtcdTarget(string clientUrl) : IBenchTarget
{
    private readonly EtcdClient _client = new(clientUrl, configureChannelOptions: RawChannel.Configure);

    public string Name => "raw etcd put (dotnet-etcd)";

    public async Task<long> CreateAsync(string key, byte[] value) =>
        (await _client.PutAsync(new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = ByteString.CopyFrom(value) })).Header.Revision;

    public Task<long> UpdateAsync(string key, byte[] value, long expectedRevision) => CreateAsync(key, value);

    public async Task<bool> GetAsync(string key) => (await _client.GetAsync(key)).Kvs.Count > 0;

    public async Task<int> ListAsync(string prefix) => (await _client.GetRangeAsync(prefix)).Kvs.Count;

    public async Task<IAsyncDisposable> WatchAsync(string prefix, Action<string> onChange)
    {
        var request = new WatchRequest
        {
            CreateRequest = new WatchCreateRequest { Key = ByteString.CopyFromUtf8(prefix), RangeEnd = ByteString.CopyFromUtf8(EtcdClient.GetRangeEnd(prefix)) },
        };
        Action<WatchResponse> handler = response =>
        {
            foreach (var e in response.Events)
            {
                onChange(e.Kv.Key.ToStringUtf8());
            }
        };
        var id = await _client.WatchAsync(request, handler);
        return new Disposer(() =>
        {
            _client.CancelWatch(id);
            return ValueTask.CompletedTask;
        });
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
