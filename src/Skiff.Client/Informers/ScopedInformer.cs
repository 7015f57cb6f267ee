using k8s;
using k8s.Models;
using Skiff.Client.Cache;

namespace Skiff.Client.Informers;

/// <summary>A shared informer whose handlers belong to one <see cref="InformerScope"/>.</summary>
internal sealed class ScopedInformer<T>(IInformer<T> inner, InformerScope scope) : IInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public ILister<T> Lister => inner.Lister;

    public Task Synced => inner.Synced;

    public void AddIndex(string name, Func<T, IEnumerable<string>> index) => inner.AddIndex(name, index);

    public IDisposable AddHandler(Action<InformerEvent<T>> handler) => scope.Track(inner.AddHandler(handler));
}
