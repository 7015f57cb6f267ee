using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Skiff.Client.Informers;

namespace Skiff.Client.Tests.Controllers;

/// <summary>Informers whose events the test emits by hand.</summary>
internal sealed class FakeInformerFactory : ISharedInformerFactory
{
    private readonly ConcurrentDictionary<Type, object> _informers = new();

    public IInformer<T> Get<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>, new() => Fake<T>();

    public FakeInformer<T> Fake<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => (FakeInformer<T>)_informers.GetOrAdd(typeof(T), _ => new FakeInformer<T>());

    public IInformer<PartialObject> GetMetadata(string group, string version, string plural) => Fake<PartialObject>();

    public void Start(CancellationToken ct)
    {
    }
}
