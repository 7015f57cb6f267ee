namespace Skiff.Kubelet.Runtime.Registries;

/// <summary>Credentials for one registry host, as registries.yaml spells them.</summary>
public sealed record RegistryAuth
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>base64 of "username:password".</summary>
    public string? Auth { get; init; }

    public string? IdentityToken { get; init; }
}
