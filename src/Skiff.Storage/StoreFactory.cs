using Skiff.Storage.Etcd;
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

    private static async Task<IStore> OpenEtcdAsync(IReadOnlyList<Uri> endpoints, StoreOptions options, CancellationToken ct)
    {
        var etcd = new EtcdStoreOptions(endpoints.Select(e => e.GetLeftPart(UriPartial.Authority)).ToList())
        {
            CaFile = options.EtcdCaFile,
            CertFile = options.EtcdCertFile,
            KeyFile = options.EtcdKeyFile,
        };
        return await EtcdStore.OpenAsync(etcd, options, ct).ConfigureAwait(false);
    }
}
