using Etcdserverpb;
using Google.Protobuf;
using static Etcdserverpb.Compare.Types;

namespace Skiff.Storage.Etcd;

public sealed partial class EtcdStore
{
    public async Task<long> CreateAsync(string key, byte[] value, CancellationToken ct = default)
    {
        EtcdErrors.ThrowIfTooLarge(key, value);
        var response = await TxnAsync(key, new Compare { Key = EtcdKeys.Key(key), Target = CompareTarget.Create, Result = CompareResult.Equal, CreateRevision = 0 }, Put(key, value), ct).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            throw new StoreException(StoreErrorKind.KeyExists, $"key {key} already exists", current: Current(response));
        }

        return response.Header.Revision;
    }

    public async Task<long> UpdateAsync(string key, byte[] value, long expectedModRevision, CancellationToken ct = default)
    {
        EtcdErrors.ThrowIfTooLarge(key, value);
        var response = await TxnAsync(key, ModRevisionIs(key, expectedModRevision), Put(key, value), ct).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            throw Mismatch(key, expectedModRevision, response);
        }

        return response.Header.Revision;
    }

    public async Task<DeleteResult> DeleteAsync(string key, long? expectedModRevision = null, CancellationToken ct = default)
    {
        // Without an expected revision (null or 0) "the key exists" is the condition, so a miss still returns the state in one round trip.
        var condition = expectedModRevision is { } expected and not 0
            ? ModRevisionIs(key, expected)
            : new Compare { Key = EtcdKeys.Key(key), Target = CompareTarget.Create, Result = CompareResult.Greater, CreateRevision = 0 };
        var delete = new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = EtcdKeys.Key(key), PrevKv = true } };
        var response = await TxnAsync(key, condition, delete, ct).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            throw Mismatch(key, expectedModRevision ?? 0, response);
        }

        var deleted = response.Responses[0].ResponseDeleteRange;
        if (deleted.PrevKvs.Count == 0)
        {
            throw new StoreException(StoreErrorKind.NotFound, $"key {key} not found");
        }

        return new DeleteResult(EtcdKeys.ToKeyValue(deleted.PrevKvs[0]), response.Header.Revision);
    }

    private Task<TxnResponse> TxnAsync(string key, Compare condition, RequestOp then, CancellationToken ct)
    {
        var txn = new TxnRequest
        {
            Compare = { condition },
            Success = { then },
            Failure = { new RequestOp { RequestRange = new RangeRequest { Key = EtcdKeys.Key(key) } } },
        };
        return EtcdErrors.CallAsync(() => _kv.TxnAsync(txn, deadline: Deadline(), cancellationToken: ct));
    }

    private static Compare ModRevisionIs(string key, long revision) =>
        new() { Key = EtcdKeys.Key(key), Target = CompareTarget.Mod, Result = CompareResult.Equal, ModRevision = revision };

    // Callers do not touch the array while the write is in flight, so wrapping it instead of copying saves up to 1.5 MiB a write.
    private static RequestOp Put(string key, byte[] value) =>
        new() { RequestPut = new PutRequest { Key = EtcdKeys.Key(key), Value = UnsafeByteOperations.UnsafeWrap(value) } };

    private static KeyValue? Current(TxnResponse failed)
    {
        var range = failed.Responses[0].ResponseRange;
        return range.Kvs.Count == 0 ? null : EtcdKeys.ToKeyValue(range.Kvs[0]);
    }

    private static StoreException Mismatch(string key, long expected, TxnResponse failed) =>
        Current(failed) is { } current
            ? new StoreException(StoreErrorKind.Conflict, $"key {key} was modified at revision {current.ModRevision}, expected {expected}", current: current)
            : new StoreException(StoreErrorKind.NotFound, $"key {key} not found");
}
