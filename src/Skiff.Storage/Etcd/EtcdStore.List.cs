using Etcdserverpb;

namespace Skiff.Storage.Etcd;

public sealed partial class EtcdStore
{
    public async Task<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default)
    {
        var start = prefix;
        var revision = options.Revision;
        if (options.Continue is not null)
        {
            var token = EtcdContinueToken.Decode(options.Continue, prefix);
            (start, revision) = (token.StartKey, token.Revision);
        }

        var request = new RangeRequest
        {
            Key = EtcdKeys.Key(start),
            RangeEnd = EtcdKeys.RangeEnd(prefix),
            Revision = revision,
            Limit = options.Limit,
        };
        RangeResponse response;
        try
        {
            response = await EtcdErrors.CallAsync(() => _kv.RangeAsync(request, deadline: Deadline(), cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (StoreException e) when (e.Kind == StoreErrorKind.Compacted)
        {
            throw new StoreException(StoreErrorKind.Compacted, e.Message, compactRevision: await CompactRevisionAsync(ct).ConfigureAwait(false), inner: e);
        }

        var items = response.Kvs.Select(EtcdKeys.ToKeyValue).ToList();
        var snapshot = revision > 0 ? revision : response.Header.Revision;
        var remaining = response.Count - items.Count;
        var next = response.More && items.Count > 0
            ? new EtcdContinueToken(snapshot, EtcdKeys.After(items[^1].Key)).Encode()
            : null;
        return new ListResult(items, snapshot, next, next is null ? 0 : remaining);
    }
}
