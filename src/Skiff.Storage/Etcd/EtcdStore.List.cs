using Etcdserverpb;

namespace Skiff.Storage.Etcd;

public sealed partial class EtcdStore
{
    public async Task<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default)
    {
        var (revision, start) = options.Continue is { Length: > 0 } token ? Resume(token, prefix) : (options.Revision, prefix);
        var request = new RangeRequest
        {
            Key = EtcdKeys.RangeStart(start),
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

        // etcd counts every key from the start key to the range end at that revision, this page included.
        return response.More && items.Count > 0
            ? new ListResult(items, snapshot, ContinueToken.Encode(snapshot, items[^1].Key), response.Count - items.Count)
            : new ListResult(items, snapshot, null, 0);
    }

    /// <summary>The snapshot revision and first key of the next page; a token from a list of another prefix is refused.</summary>
    private static (long Revision, string Start) Resume(string token, string prefix)
    {
        var (revision, lastKey) = ContinueToken.Decode(token);
        if (!lastKey.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new StoreException(StoreErrorKind.InvalidContinue, $"continue token does not belong to a list of {prefix}");
        }

        return (revision, EtcdKeys.After(lastKey));
    }
}
