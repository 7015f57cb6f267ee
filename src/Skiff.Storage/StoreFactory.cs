using Skiff.Storage.Sqlite;

namespace Skiff.Storage;

/// <summary>Turns --datastore-endpoint into an open store.</summary>
public static class StoreFactory
{
    /// <exception cref="ArgumentException">The endpoint is malformed.</exception>
    /// <exception cref="StoreException">Unavailable: the store cannot be opened (the message says why and what to do).</exception>
    public static async Task<IStore> OpenAsync(string? endpoint, string dataDir, StoreOptions? options = null, CancellationToken ct = default)
    {
        var parsed = DatastoreEndpoint.Parse(endpoint, dataDir);
        options ??= StoreOptions.Default;
        return parsed.Kind switch
        {
            DatastoreKind.Sqlite => await SqliteStore.OpenAsync(parsed.SqlitePath!, options, ct).ConfigureAwait(false),
            DatastoreKind.Etcd => await OpenEtcdAsync(parsed.EtcdEndpoints, options, ct).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };
    }

    // ETCD: the etcd backend (Etcd/EtcdStore) plugs in here; this is the only place that needs to change.
    private static Task<IStore> OpenEtcdAsync(IReadOnlyList<Uri> endpoints, StoreOptions options, CancellationToken ct)
    {
        _ = options;
        _ = ct;
        throw new StoreException(
            StoreErrorKind.Unavailable,
            $"the etcd datastore ({string.Join(",", endpoints)}) is not supported by this build yet; use the embedded SQLite store (no --datastore-endpoint)");
    }
}
