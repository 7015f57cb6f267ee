using System.Text.Json;
using k8s;
using k8s.Models;

namespace Skiff.Client.Informers;

/// <summary>
/// Turns one JSON object from a list or watch into the informer's type. List items carry no apiVersion and kind, so
/// both are filled from the resource: handlers and owner lookups can rely on them.
/// </summary>
internal static class ObjectDecoder
{
    public static T Typed<T>(JsonElement json, ResourcePath path)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var obj = KubernetesJson.Deserialize<T>(json);
        obj.ApiVersion = path.ApiVersion;
        obj.Kind = path.Kind;
        return obj;
    }

    public static PartialObject Partial(JsonElement json, ResourcePath path) => new()
    {
        ApiVersion = path.ApiVersion,
        Kind = json.TryGetProperty("kind", out var kind) && kind.GetString() is { Length: > 0 } k ? k : path.Kind,
        Metadata = json.TryGetProperty("metadata", out var meta) ? KubernetesJson.Deserialize<V1ObjectMeta>(meta) : new V1ObjectMeta(),
    };
}
