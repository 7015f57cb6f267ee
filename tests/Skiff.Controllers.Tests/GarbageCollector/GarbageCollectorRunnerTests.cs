using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Client.Cache;
using Skiff.Client.Events;
using Skiff.Client.Informers;
using Skiff.Controllers.Dynamic;
using Skiff.Controllers.GarbageCollector;
using Skiff.Controllers.Tests.Testing;

namespace Skiff.Controllers.Tests.GarbageCollector;

public sealed class GarbageCollectorRunnerTests
{
    private static readonly ApiResource Events = new(string.Empty, "v1", "events", "Event", true, new HashSet<string> { "list", "watch", "delete" });
    private static readonly ApiResource Bindings = new(string.Empty, "v1", "bindings", "Binding", true, new HashSet<string> { "create" });

    private readonly FakeInformers _informers = new();
    private readonly ScriptedDiscovery _discovery = new();

    private GarbageCollectorRunner Runner() =>
        new(_informers, _discovery, new FakeGarbageCollectorClient(), new NoEvents(), TimeProvider.System, NullLogger.Instance);

    private static DiscoveryResult Found(params ApiResource[] resources) => new(resources, resources, new Dictionary<string, string>());

    [Fact]
    public async Task Monitors_EveryDeletableWatchableResourceButEvents()
    {
        _discovery.Next = Found(Resources.ConfigMaps, Resources.ReplicaSets, Events, Bindings);
        using var runner = Runner();

        await runner.SyncMonitorsAsync(default);

        Assert.Equal(["/v1/configmaps", "apps/v1/replicasets"], _informers.Active.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CustomResourceAppearingInDiscovery_IsMonitored_AndDroppedWhenItGoes()
    {
        _discovery.Next = Found(Resources.ConfigMaps);
        using var runner = Runner();
        await runner.SyncMonitorsAsync(default);

        _discovery.Next = Found(Resources.ConfigMaps, Resources.Widgets);
        await runner.SyncMonitorsAsync(default);
        Assert.Contains("example.com/v1/widgets", _informers.Active);

        _discovery.Next = Found(Resources.ConfigMaps);
        await runner.SyncMonitorsAsync(default);
        Assert.DoesNotContain("example.com/v1/widgets", _informers.Active);
    }

    [Fact]
    public async Task GroupThatFailsDiscovery_KeepsItsMonitors()
    {
        _discovery.Next = Found(Resources.ConfigMaps, Resources.Widgets);
        using var runner = Runner();
        await runner.SyncMonitorsAsync(default);

        _discovery.Next = new DiscoveryResult([Resources.ConfigMaps], [Resources.ConfigMaps], new Dictionary<string, string> { ["example.com/v1"] = "unavailable" });
        await runner.SyncMonitorsAsync(default);

        Assert.Contains("example.com/v1/widgets", _informers.Active);
    }

    [Fact]
    public async Task InformerEvents_BuildTheGraphWithTheMonitoredKind()
    {
        _discovery.Next = Found(Resources.ConfigMaps, Resources.Widgets);
        using var runner = Runner();
        await runner.SyncMonitorsAsync(default);

        // Metadata informers may not know the kind; the monitor's resource supplies it.
        var widget = new PartialObject { Metadata = new V1ObjectMeta { Name = "w", NamespaceProperty = "ns", Uid = "w1" } };
        _informers.Emit("example.com/v1/widgets", new InformerEvent<PartialObject>(InformerEventType.Added, widget, null));

        Assert.Equal(1, runner.GraphCount);
    }

    private sealed class ScriptedDiscovery : IResourceDiscovery
    {
        public DiscoveryResult Next { get; set; } = DiscoveryResult.Empty;

        public Task<DiscoveryResult> DiscoverAsync(CancellationToken ct) => Task.FromResult(Next);
    }

    private sealed class NoEvents : IEventRecorder
    {
        public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message)
        {
        }
    }

    private sealed class FakeInformers : ISharedInformerFactory
    {
        private readonly Dictionary<string, FakeInformer> _byPath = [];

        public IEnumerable<string> Active => _byPath.Where(p => p.Value.Handlers.Count > 0).Select(p => p.Key);

        public void Emit(string path, InformerEvent<PartialObject> e)
        {
            foreach (var handler in _byPath[path].Handlers)
            {
                handler(e);
            }
        }

        public IInformer<T> Get<T>()
            where T : class, IKubernetesObject<V1ObjectMeta>, new() => throw new NotSupportedException();

        public IInformer<PartialObject> GetMetadata(string group, string version, string plural)
        {
            var path = $"{group}/{version}/{plural}";
            if (!_byPath.TryGetValue(path, out var informer))
            {
                informer = new FakeInformer();
                _byPath[path] = informer;
            }

            return informer;
        }

        public void Start(CancellationToken ct)
        {
        }
    }

    private sealed class FakeInformer : IInformer<PartialObject>
    {
        public List<Action<InformerEvent<PartialObject>>> Handlers { get; } = [];

        public ILister<PartialObject> Lister { get; } = new ObjectCache<PartialObject>();

        public Task Synced => Task.CompletedTask;

        public void AddIndex(string name, Func<PartialObject, IEnumerable<string>> index)
        {
        }

        public IDisposable AddHandler(Action<InformerEvent<PartialObject>> handler)
        {
            Handlers.Add(handler);
            return new Removal(() => Handlers.Remove(handler));
        }

        private sealed class Removal(Action remove) : IDisposable
        {
            public void Dispose() => remove();
        }
    }
}
