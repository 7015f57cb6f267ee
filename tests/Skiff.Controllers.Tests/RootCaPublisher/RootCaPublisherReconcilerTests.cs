using k8s.Models;
using Skiff.Client;
using Skiff.Client.Cache;
using Skiff.Controllers.RootCaPublisher;

namespace Skiff.Controllers.Tests.RootCaPublisher;

public sealed class RootCaPublisherReconcilerTests
{
    private const string Ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private readonly ObjectCache<V1Namespace> _namespaces = new();
    private readonly ObjectCache<V1ConfigMap> _maps = new();
    private readonly FakeClient _api = new();

    private RootCaPublisherReconciler Reconciler => new(_namespaces, _maps, _api, Ca);

    private void AddNamespace(string name, string phase = "Active") => _namespaces.Upsert(new V1Namespace
    {
        Metadata = new V1ObjectMeta { Name = name },
        Status = new V1NamespaceStatus { Phase = phase },
    });

    private void AddMap(string ns, Dictionary<string, string> data) => _maps.Upsert(new V1ConfigMap
    {
        Metadata = new V1ObjectMeta { Name = "kube-root-ca.crt", NamespaceProperty = ns, ResourceVersion = "7" },
        Data = data,
    });

    [Fact]
    public async Task NamespaceWithoutTheMap_GetsTheClusterCa()
    {
        AddNamespace("team");

        await Reconciler.ReconcileAsync(new ObjectKey(null, "team"), default);

        var (ns, map) = Assert.Single(_api.Created);
        Assert.Equal(("team", "kube-root-ca.crt"), (ns, map.Metadata.Name));
        Assert.Equal(Ca, map.Data["ca.crt"]);
        Assert.Empty(_api.Replaced);
    }

    [Fact]
    public async Task EditedMap_IsPutBack_KeepingItsResourceVersionForTheUpdate()
    {
        AddNamespace("team");
        AddMap("team", new Dictionary<string, string> { ["ca.crt"] = "tampered", ["extra"] = "x" });

        await Reconciler.ReconcileAsync(new ObjectKey(null, "team"), default);

        var (_, map) = Assert.Single(_api.Replaced);
        Assert.Equal("7", map.Metadata.ResourceVersion);
        Assert.Equal(new Dictionary<string, string> { ["ca.crt"] = Ca }, map.Data);
    }

    [Fact]
    public async Task CorrectMap_OrTerminatingNamespace_IsLeftAlone()
    {
        AddNamespace("team");
        AddMap("team", new Dictionary<string, string> { ["ca.crt"] = Ca });
        AddNamespace("leaving", "Terminating");

        await Reconciler.ReconcileAsync(new ObjectKey(null, "team"), default);
        await Reconciler.ReconcileAsync(new ObjectKey(null, "leaving"), default);
        await Reconciler.ReconcileAsync(new ObjectKey(null, "absent"), default);

        Assert.Empty(_api.Created);
        Assert.Empty(_api.Replaced);
    }

    [Fact]
    public void OnlyTheRootCaMap_QueuesItsNamespace()
    {
        Assert.Equal([new ObjectKey(null, "team")], RootCaPublisherReconciler.NamespaceOf(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kube-root-ca.crt", NamespaceProperty = "team" } }));
        Assert.Empty(RootCaPublisherReconciler.NamespaceOf(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings", NamespaceProperty = "team" } }));
    }

    private sealed class FakeClient : IRootCaClient
    {
        public List<(string Ns, V1ConfigMap Map)> Created { get; } = [];

        public List<(string Ns, V1ConfigMap Map)> Replaced { get; } = [];

        public Task CreateAsync(string ns, V1ConfigMap map, CancellationToken ct)
        {
            Created.Add((ns, map));
            return Task.CompletedTask;
        }

        public Task ReplaceAsync(string ns, V1ConfigMap map, CancellationToken ct)
        {
            Replaced.Add((ns, map));
            return Task.CompletedTask;
        }
    }
}
