namespace Skiff.Storage.Tests.Etcd;

/// <summary>PEM files etcd needs to serve TLS and demand client certificates signed by <see cref="CaFile"/>.</summary>
public sealed record EtcdServerTls(string CaFile, string CertFile, string KeyFile);
