namespace Skiff.Storage.Etcd;

/// <summary>
/// Where the etcd cluster is and how to prove who we are. <see cref="Endpoints"/> are client URLs
/// (<c>http://host:2379</c>, <c>https://host:2379</c>, or bare <c>host:port</c>); the three files are PEM, as
/// etcd's own <c>--cacert</c>, <c>--cert</c> and <c>--key</c> flags take them. Any file given, or an https
/// endpoint, means TLS.
/// </summary>
public sealed record EtcdStoreOptions(IReadOnlyList<string> Endpoints)
{
    public string? CaFile { get; init; }

    public string? CertFile { get; init; }

    public string? KeyFile { get; init; }

    /// <summary>How long to wait for a TCP connection to one member before trying another.</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a single read or write may take (a cluster without quorum never answers).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
