using k8s;
using k8s.Models;
using Skiff.Client.Cache;

namespace Skiff.Client.Informers;

/// <summary>
/// Lists then watches one resource type and keeps a local indexed cache of it, shared by every controller in the
/// process. Handlers run one event at a time, in order, after the cache is updated.
/// </summary>
public interface IInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    ILister<T> Lister { get; }

    /// <summary>Completes once the first list is in the cache.</summary>
    Task Synced { get; }

    /// <summary>Adds an index; allowed before or after start (existing objects are indexed at once).</summary>
    void AddIndex(string name, Func<T, IEnumerable<string>> index);

    /// <summary>Registers a handler; objects already cached are replayed to it as Added.</summary>
    IDisposable AddHandler(Action<InformerEvent<T>> handler);
}
