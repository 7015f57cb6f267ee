namespace Skiff.Kubelet.Runtime.Registries;

/// <summary>One <c>mirrors</c> entry of registries.yaml.</summary>
public sealed record RegistryMirror
{
    /// <summary>Tried in order before the registry itself; an endpoint without a scheme is https.</summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];

    /// <summary>Repository rewrites (regular expression → replacement) applied when pulling through a mirror.</summary>
    public IReadOnlyDictionary<string, string> Rewrites { get; init; } = new Dictionary<string, string>();
}
