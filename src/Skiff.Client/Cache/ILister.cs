using k8s;
using k8s.Models;

namespace Skiff.Client.Cache;

/// <summary>Reads an informer's local cache; never calls the API. Returned objects are shared: copy before changing.</summary>
public interface ILister<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    T? Get(ObjectKey key);

    T? Get(string? ns, string name) => Get(new ObjectKey(ns, name));

    /// <summary>Every cached object, or those of one namespace.</summary>
    IReadOnlyList<T> List(string? ns = null);

    /// <summary>Objects whose index function produced <paramref name="value"/> for the index <paramref name="indexName"/>.</summary>
    IReadOnlyList<T> ByIndex(string indexName, string value);
}
