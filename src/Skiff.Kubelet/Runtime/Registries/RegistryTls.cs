namespace Skiff.Kubelet.Runtime.Registries;

/// <summary>TLS settings for one registry host: file paths on the node.</summary>
public sealed record RegistryTls
{
    public string? CaFile { get; init; }

    public string? CertFile { get; init; }

    public string? KeyFile { get; init; }

    public bool InsecureSkipVerify { get; init; }
}
