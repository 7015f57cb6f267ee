using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Skiff.Api.Catalog;
using Skiff.Client.Informers;
using Skiff.Client.Queue;

namespace Skiff.Client.Controllers;

/// <summary>Collects a controller's event sources; <see cref="Build"/> wires them to a fresh queue and registers the controller.</summary>
internal sealed class ControllerBuilder : IControllerBuilder
{
    private static readonly Lazy<ResourceCatalog> Catalog = new(ResourceCatalog.CreateBuiltIn);

    private readonly string _name;
    private readonly ISharedInformerFactory _informers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<Controller> _register;
    private readonly List<Func<IWorkQueue<ObjectKey>, IDisposable>> _sources = [];
    private readonly List<Task> _synced = [];
    private ResourcePath? _primary;
    private int _workers = 1;
    private bool _built;

    public ControllerBuilder(string name, ISharedInformerFactory informers, TimeProvider time, ILogger logger, Action<Controller> register)
    {
        _name = name;
        _informers = informers;
        _time = time;
        _logger = logger;
        _register = register;
    }

    public IControllerBuilder For<T>()
        where T : class, IKubernetesObject<V1ObjectMeta>, new()
    {
        _primary = ResourcePath.For<T>();
        return Watches<T>(o => [ObjectKey.Of(o)]);
    }

    public IControllerBuilder Owns<TOwned>()
        where TOwned : class, IKubernetesObject<V1ObjectMeta>, new()
    {
        var primary = _primary ?? throw new InvalidOperationException($"controller {_name}: call For<T>() before Owns<T>()");
        var namespaced = Catalog.Value.FindByKind(primary.Group, primary.Version, primary.Kind)?.Namespaced ?? true;
        return Watches<TOwned>(o => OwnerKeys.Of(o, primary.Group, primary.Kind, namespaced));
    }

    public IControllerBuilder Watches<T>(Func<T, IEnumerable<ObjectKey>> map)
        where T : class, IKubernetesObject<V1ObjectMeta>, new()
    {
        var informer = _informers.Get<T>();
        _synced.Add(informer.Synced);
        _sources.Add(queue => informer.AddHandler(e =>
        {
            foreach (var key in map(e.Object))
            {
                queue.Add(key);
            }

            // An update that moved the object away from an owner must wake the old owner too.
            if (e.Old is { } old)
            {
                foreach (var key in map(old))
                {
                    queue.Add(key);
                }
            }
        }));
        return this;
    }

    public IControllerBuilder WithWorkers(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = workers;
        return this;
    }

    public void Build(IReconciler reconciler)
    {
        if (_built)
        {
            throw new InvalidOperationException($"controller {_name} is already built");
        }

        _built = true;
        var queue = new RateLimitedWorkQueue<ObjectKey>(_time);
        var handlers = _sources.Select(source => source(queue)).ToList();
        _register(new Controller(_name, reconciler, queue, [.. _synced], handlers, _workers, _logger));
    }
}
