namespace Skiff.Storage;

/// <summary>
/// The parsed --datastore-endpoint, in k3s's spelling: empty or <c>sqlite://PATH</c> for the embedded
/// store, <c>http(s)://host:port[,host:port...]</c> for an etcd cluster.
/// </summary>
public sealed record DatastoreEndpoint(DatastoreKind Kind, string? SqlitePath, IReadOnlyList<Uri> EtcdEndpoints)
{
    public const string DefaultSqliteRelativePath = "server/db/state.db";

    private const string SqliteScheme = "sqlite://";

    private const string AcceptedForms =
        "accepted forms: empty or 'sqlite://' (embedded store under the data dir), 'sqlite:///path/to/state.db', " +
        "'http://host:2379[,host2:2379...]' or 'https://host:2379[,...]' (etcd)";

    /// <summary>Relative SQLite paths and the empty endpoint resolve under <paramref name="dataDir"/>.</summary>
    /// <exception cref="ArgumentException">The endpoint is none of the accepted forms.</exception>
    public static DatastoreEndpoint Parse(string? endpoint, string dataDir)
    {
        var text = endpoint?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return Sqlite(Path.Combine(dataDir, DefaultSqliteRelativePath));
        }

        if (text.StartsWith(SqliteScheme, StringComparison.OrdinalIgnoreCase))
        {
            // k3s allows driver parameters after '?'; our driver has none to take, so they are ignored.
            var path = text[SqliteScheme.Length..].Split('?', 2)[0];
            return path.Length == 0
                ? Sqlite(Path.Combine(dataDir, DefaultSqliteRelativePath))
                : Sqlite(Path.GetFullPath(path, Path.GetFullPath(dataDir)));
        }

        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return new DatastoreEndpoint(DatastoreKind.Etcd, null, ParseEtcd(text));
        }

        throw new ArgumentException($"unsupported datastore endpoint '{endpoint}'; {AcceptedForms}", nameof(endpoint));
    }

    private static DatastoreEndpoint Sqlite(string path) => new(DatastoreKind.Sqlite, path, []);

    private static List<Uri> ParseEtcd(string text)
    {
        var endpoints = new List<Uri>();
        string? scheme = null;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // Like k3s, later hosts may leave out the scheme of the first: "https://a:2379,b:2379".
            var withScheme = part.Contains("://", StringComparison.Ordinal) ? part : $"{scheme}://{part}";
            if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || string.IsNullOrEmpty(uri.Host)
                || (uri.AbsolutePath != "/" && uri.AbsolutePath.Length != 0))
            {
                throw new ArgumentException($"invalid etcd endpoint '{part}' in '{text}'; {AcceptedForms}", nameof(text));
            }

            scheme ??= uri.Scheme;
            endpoints.Add(uri);
        }

        return endpoints;
    }
}
