using k8s;
using k8s.Models;

namespace Skiff.Client.Informers;

/// <summary>
/// Any object reduced to its type and metadata: what the garbage collector and namespace controller need of
/// resources they do not understand (custom resources included).
/// </summary>
public sealed class PartialObject : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public V1ObjectMeta Metadata { get; set; } = new();
}
