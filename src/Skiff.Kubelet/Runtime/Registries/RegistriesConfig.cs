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
