using k8s;
using k8s.Models;
using Skiff.Client.Cache;
using Skiff.Client.Informers;

namespace Skiff.Client.Tests.Controllers;

internal sealed class FakeInformer<T> : IInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ObjectCache<T> _cache = new();
    private readonly List<Action<InformerEvent<T>>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ILister<T> Lister => _cache;

    public Task Synced => _synced.Task;

    public void MarkSynced() => _synced.TrySetResult();

    public void AddIndex(string name, Func<T, IEnumerable<string>> index) => _cache.AddIndex(name, index);

    public IDisposable AddHandler(Action<InformerEvent<T>> handler)
    {
        _handlers.Add(handler);
        return new Removal(() => _handlers.Remove(handler));
    }

    public void Emit(InformerEventType type, T obj, T? old = null)
    {
        if (type == InformerEventType.Deleted)
        {
            _cache.Delete(ObjectKey.Of(obj));
        }
        else
        {
            _cache.Upsert(obj);
        }

        foreach (var handler in _handlers.ToList())
        {
            handler(new InformerEvent<T>(type, obj, old));
        }
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
