using Etcdserverpb;
using Grpc.Core;

namespace Skiff.Storage.Etcd;

public sealed partial class EtcdStore
{
    // Only ever grows, so it is a safe lower bound when searching for the cluster's real compaction point.
    private long _knownCompactRevision;

    public async Task CompactAsync(long revision, CancellationToken ct = default)
    {
        try
        {
            // Logical compaction: reads below the revision fail at once; etcd frees the space in the background.
            await _kv.CompactAsync(new CompactionRequest { Revision = revision }, deadline: Deadline(), cancellationToken: ct).ConfigureAwait(false);
            NoteCompacted(revision);
        }
        catch (RpcException e) when (EtcdErrors.Translate(e) is StoreException { Kind: StoreErrorKind.Compacted })
        {
            // Someone (another server sharing this etcd) compacted at or past it already: the goal is met.
        }
        catch (RpcException e)
        {
            throw EtcdErrors.Translate(e);
        }
    }

    public async Task<StoreStatus> StatusAsync(CancellationToken ct = default)
    {
        try
        {
            var status = await _maintenance.StatusAsync(new StatusRequest(), deadline: Deadline(), cancellationToken: ct).ConfigureAwait(false);
            var compacted = await CompactRevisionAsync(ct).ConfigureAwait(false);
            var error = status.Errors.Count == 0 ? null : string.Join("; ", status.Errors);
            return new StoreStatus(error is null, "etcd", status.DbSize, status.Header.Revision, compacted, error);
        }
        catch (Exception e) when (e is RpcException or StoreException)
        {
            return new StoreStatus(false, "etcd", 0, 0, 0, e is RpcException rpc ? EtcdErrors.Translate(rpc).Message : e.Message);
        }
    }

    public async Task SnapshotAsync(string path, CancellationToken ct = default)
    {
        var partial = path + ".part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                using var call = _maintenance.Snapshot(new SnapshotRequest(), cancellationToken: ct);
                await foreach (var chunk in call.ResponseStream.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    await file.WriteAsync(chunk.Blob.Memory, ct).ConfigureAwait(false);
                }
            }

            File.Move(partial, path, overwrite: true);
        }
        catch (RpcException e)
        {
            throw EtcdErrors.Translate(e);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// etcd does not report its compaction point, but a read at a revision below it fails, so the
    /// point is the oldest revision that still reads: a binary search above the last one we knew.
    /// </summary>
    internal async Task<long> CompactRevisionAsync(CancellationToken ct)
    {
        var low = Math.Max(1, Volatile.Read(ref _knownCompactRevision));
        var high = await CurrentRevisionAsync(ct).ConfigureAwait(false);
        if (high <= low || await ReadsAtAsync(low, ct).ConfigureAwait(false))
        {
            return NoteCompacted(low == 1 ? 0 : low);
        }

        // Invariant: low does not read, high does.
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (await ReadsAtAsync(middle, ct).ConfigureAwait(false))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return NoteCompacted(high);
    }

    private async Task<bool> ReadsAtAsync(long revision, CancellationToken ct)
    {
        try
        {
            await _kv.RangeAsync(new RangeRequest { Key = EtcdKeys.Key("\0"), CountOnly = true, Revision = revision }, deadline: Deadline(), cancellationToken: ct).ConfigureAwait(false);
            return true;
        }
        catch (RpcException e) when (EtcdErrors.Translate(e) is StoreException { Kind: StoreErrorKind.Compacted })
        {
            return false;
        }
    }

    private long NoteCompacted(long revision)
    {
        long seen;
        while ((seen = Volatile.Read(ref _knownCompactRevision)) < revision && Interlocked.CompareExchange(ref _knownCompactRevision, revision, seen) != seen)
        {
        }

        return revision;
    }
}
