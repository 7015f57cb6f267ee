namespace Skiff.Kubelet.Runtime.Registries;

/// <summary>One <c>configs</c> entry of registries.yaml: how to talk to one registry or mirror host.</summary>
public sealed record RegistryHostConfig
{
    public RegistryAuth? Auth { get; init; }

    public RegistryTls? Tls { get; init; }
}
