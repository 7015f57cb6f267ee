namespace Skiff.Storage;

/// <summary>How a store is opened and maintained; the defaults suit a single-node server.</summary>
public sealed class StoreOptions
{
    public static readonly StoreOptions Default = new();

    /// <summary>How much history the background compactor keeps (watch resume and old lists need it).</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the background compactor runs; <see cref="TimeSpan.Zero"/> turns it off.</summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>SQLite: check every page of the database when opening, so corruption is found at start and not mid-request.</summary>
    public bool VerifyOnOpen { get; init; } = true;

    /// <summary>etcd: CA bundle that signs the etcd servers' certificates (https endpoints).</summary>
    public string? EtcdCaFile { get; init; }

    /// <summary>etcd: client certificate for mutual TLS.</summary>
    public string? EtcdCertFile { get; init; }

    /// <summary>etcd: private key of <see cref="EtcdCertFile"/>.</summary>
    public string? EtcdKeyFile { get; init; }
}
