namespace Skiff.Kubelet.Runtime.Registries;

/// <summary>
/// <c>&lt;data-dir&gt;/registries.yaml</c> in k3s's format: <c>mirrors</c> keyed by registry name
/// (<c>*</c> for every registry) and <c>configs</c> keyed by registry or mirror host.
/// </summary>
public sealed record RegistriesConfig
{
    public static RegistriesConfig Empty { get; } = new();

    public IReadOnlyDictionary<string, RegistryMirror> Mirrors { get; init; } = new Dictionary<string, RegistryMirror>();

    public IReadOnlyDictionary<string, RegistryHostConfig> Configs { get; init; } = new Dictionary<string, RegistryHostConfig>();
}

public sealed record RegistryMirror
{
    /// <summary>Tried in order before the registry itself; an endpoint without a scheme is https.</summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];

    /// <summary>Repository rewrites (regular expression → replacement) applied when pulling through a mirror.</summary>
    public IReadOnlyDictionary<string, string> Rewrites { get; init; } = new Dictionary<string, string>();
}

public sealed record RegistryHostConfig
{
    public RegistryAuth? Auth { get; init; }

    public RegistryTls? Tls { get; init; }
}

public sealed record RegistryAuth
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>base64 of "username:password".</summary>
    public string? Auth { get; init; }

    public string? IdentityToken { get; init; }
}

public sealed record RegistryTls
{
    public string? CaFile { get; init; }

    public string? CertFile { get; init; }

    public string? KeyFile { get; init; }

    public bool InsecureSkipVerify { get; init; }
}
