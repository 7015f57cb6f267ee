using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using static Etcdserverpb.Compare.Types;

namespace Skiff.Bench.Storage;

/// <summary>
/// dotnet-etcd's client sending the same compare-and-put transactions the etcd backend sends
/// (create: create_revision = 0, update: mod_revision = expected). Between raw puts and the backend,
/// it separates what etcd charges for the condition from what our client code costs.
/// </summary>
internal sealed class RawTxnTarget(string clientUrl) : IBenchTarget
{
    private readonly RawEtcdTarget _reads = new(clientUrl);
    private readonly EtcdClient _client = new(clientUrl, configureChannelOptions: RawChannel.Configure);

    public string Name => "raw etcd txn (dotnet-etcd)";

    public Task<long> CreateAsync(string key, byte[] value) =>
        TxnAsync(key, value, new Compare { Target = CompareTarget.Create, Result = CompareResult.Equal, CreateRevision = 0 });

    public Task<long> UpdateAsync(string key, byte[] value, long expectedRevision) =>
        TxnAsync(key, value, new Compare { Target = CompareTarget.Mod, Result = CompareResult.Equal, ModRevision = expectedRevision });

    public Task<bool> GetAsync(string key) => _reads.GetAsync(key);

    public Task<int> ListAsync(string prefix) => _reads.ListAsync(prefix);

    public Task<IAsyncDisposable> WatchAsync(string prefix, Action<string> onChange) => _reads.WatchAsync(prefix, onChange);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _reads.DisposeAsync();
    }

    private async Task<long> TxnAsync(string key, byte[] value, Compare condition)
    {
        var k = ByteString.CopyFromUtf8(key);
        condition.Key = k;
        var response = await _client.TransactionAsync(new TxnRequest
        {
            Compare = { condition },
            Success = { new RequestOp { RequestPut = new PutRequest { Key = k, Value = ByteString.CopyFrom(value) } } },
            Failure = { new RequestOp { RequestRange = new RangeRequest { Key = k } } },
        });
        if (!response.Succeeded)
        {
            throw new InvalidOperationException($"{Name}: condition failed for {key}");
        }

        return response.Header.Revision;
    }
}
