using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Admission;
using Skiff.ApiServer.CustomResources;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;
using Skiff.ApiServer.Watch;
using Skiff.Storage;
using Skiff.Storage.Sqlite;

namespace Skiff.ApiServer.Tests.CustomResources;

/// <summary>
/// The whole life of a CRD against the SQLite store: registration, serving custom objects through the
/// registry with admission, name conflicts, restart, and deletion with cleanup of every object.
/// </summary>
public sealed class CrdLifecycleTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-crd-");
    private readonly ResourceCatalog _catalog = ResourceCatalog.CreateBuiltIn();
    private readonly CustomResourceVersions _versions = new();
    private IStore _store = null!;
    private Registries _registries = null!;
    private WatchCaches _caches = null!;
    private CrdController _controller = null!;
    private AdmissionChain _admission = null!;

    private ResourceInfo CrdInfo => _catalog.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(Path.Combine(_dir.FullName, "state.db"), new StoreOptions { CompactionInterval = TimeSpan.Zero });
        _registries = new Registries(_store, TimeProvider.System);

        // A server's store is never empty; a watch cache over an empty one (revision 0) may miss its first write.
        await _store.CreateAsync("/registry/namespaces/default", "{}"u8.ToArray());
        _caches = new WatchCaches(NullLoggerFactory.Instance);
        _admission = new AdmissionChain([new MetadataAdmission(), new CrdAdmission(), new CustomResourceAdmission(_versions)]);
        _controller = NewController(_catalog, _versions);
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        await _caches.DisposeAsync();
        await _store.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Create_EstablishesTheCrdAndServesEveryServedVersion()
    {
        await CreateCrdAsync(CrdFixtures.Widgets());

        var crd = (await _registries.For(CrdInfo).GetAsync(string.Empty, "widgets.example.com", default)).Object;
        Assert.Equal(("True", "NoConflicts", "no conflicts found"), Condition(crd, "NamesAccepted"));
        Assert.Equal(("True", "InitialNamesAccepted", "the initial names have been accepted"), Condition(crd, "Established"));
        Assert.Equal("widgets", (string?)crd["status"]!["acceptedNames"]!["plural"]);
        Assert.Equal("WidgetList", (string?)crd["status"]!["acceptedNames"]!["listKind"]);
        Assert.Equal(["v1"], crd["status"]!["storedVersions"]!.AsArray().Select(v => (string?)v));

        var v1 = _catalog.Find("example.com", "v1", "widgets")!;
        Assert.True(v1.Namespaced);
        Assert.Null(v1.ModelType);
        Assert.Equal("WidgetList", v1.ListKind);
        Assert.Equal(["wd"], v1.ShortNames);
        Assert.Equal(["all"], v1.Categories);
        Assert.Equal(["status", "scale"], v1.Subresources.Select(s => s.Name));
        Assert.Equal("Replicas", (string?)v1.PrinterColumns![0]!["name"]);
        Assert.Empty(_catalog.Find("example.com", "v1beta1", "widgets")!.Subresources);
        Assert.Equal(["v1", "v1beta1"], _catalog.Groups().Single(g => g.Name == "example.com").Versions);
        Assert.Same(v1, _catalog.Resolve("wd"));
    }

    [Fact]
    public async Task CustomObjects_ArePrunedDefaultedAndValidatedAgainstTheSchema()
    {
        await CreateCrdAsync(CrdFixtures.Widgets());
        var widgets = _catalog.Find("example.com", "v1", "widgets")!;

        var created = await CreateAsync(widgets, TestJson.Obj(
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w1','namespace':'default'},'spec':{'size':'small','colour':'red'},'status':{'replicas':9}}"));

        Assert.Equal(1, (int)created["spec"]!["replicas"]!);
        Assert.Null(created["spec"]!["colour"]);
        Assert.Null(created["status"]);
        Assert.Equal("1", created["metadata"]!["generation"]!.ToJsonString());

        var invalid = await Assert.ThrowsAsync<ApiException>(() => CreateAsync(widgets, TestJson.Obj(
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w2','namespace':'default'},'spec':{'size':'medium','replicas':-1}}")));
        Assert.Equal(422, invalid.Code);
        Assert.Equal(
            "Widget.example.com \"w2\" is invalid: [spec.size: Unsupported value: \"medium\": supported values: \"small\", \"large\", "
            + "spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0]",
            invalid.Message);
    }

    [Fact]
    public async Task Updates_BumpGenerationOnSpecChangesOnly_AndKeepStatusApart()
    {
        await CreateCrdAsync(CrdFixtures.Widgets());
        var widgets = _catalog.Find("example.com", "v1", "widgets")!;
        await CreateAsync(widgets, TestJson.Obj("{'metadata':{'name':'w1','namespace':'default'},'spec':{'size':'small'}}"));
        var store = _registries.For(widgets);

        var statusWritten = await store.UpdateAsync("default", "w1", live =>
        {
            var desired = (JsonObject)live.DeepClone();
            desired["status"] = TestJson.Obj("{'replicas':3,'selector':'app=w'}");
            var next = store.Strategy.PrepareForStatusUpdate(desired, live);
            _admission.Admit(widgets, next, live);
            return next;
        }, null, false, default);
        Assert.Equal(1, Json.Generation(statusWritten.Object));

        var specWritten = await store.UpdateAsync("default", "w1", live =>
        {
            var desired = (JsonObject)live.DeepClone();
            desired["spec"]!["replicas"] = 5;
            desired.Remove("status");
            store.Strategy.PrepareForUpdate(desired, live);
            _admission.Admit(widgets, desired, live);
            return desired;
        }, null, false, default);
        Assert.Equal(2, Json.Generation(specWritten.Object));
        Assert.Equal(3, (int)specWritten.Object["status"]!["replicas"]!);

        var scale = ScaleSubresource.ToScale(specWritten.Object, _versions.Find(widgets)!.Scale!);
        var meta = scale["metadata"]!.AsObject();
        Assert.Equal(["name", "namespace", "uid", "resourceVersion", "creationTimestamp"], meta.Select(p => p.Key));
        Assert.Equal(Json.ResourceVersion(specWritten.Object), (string?)meta["resourceVersion"]);
        scale.Remove("metadata");
        Assert.Equal(
            "{'kind':'Scale','apiVersion':'autoscaling/v1','spec':{'replicas':5},'status':{'replicas':3,'selector':'app=w'}}".Replace('\'', '"'),
            scale.ToJsonString());
    }

    [Fact]
    public async Task NameConflict_LeavesTheSecondCrdNotAcceptedAndUnserved()
    {
        await CreateCrdAsync(CrdFixtures.Widgets());
        var rival = CrdFixtures.Widgets();
        rival["metadata"]!["name"] = "gadgets.example.com";
        rival["spec"]!["names"] = TestJson.Obj("{'plural':'gadgets','kind':'Widget','listKind':'GadgetList'}");

        await CreateCrdAsync(rival);

        var crd = (await _registries.For(CrdInfo).GetAsync(string.Empty, "gadgets.example.com", default)).Object;
        Assert.Equal(("False", "KindConflict", "\"Widget\" is already in use"), Condition(crd, "NamesAccepted"));
        Assert.Equal(("False", "NotAccepted", "not all names are accepted"), Condition(crd, "Established"));
        Assert.Null(_catalog.Find("example.com", "v1", "gadgets"));
    }

    [Fact]
    public async Task VersionNoLongerServed_IsRemovedFromTheCatalog()
    {
        await CreateCrdAsync(CrdFixtures.Widgets());
        var store = _registries.For(CrdInfo);
        await store.UpdateAsync(string.Empty, "widgets.example.com", live =>
        {
            live["spec"]!["versions"]![1]!["served"] = false;
            return live;
        }, null, false, default);

        await _controller.ReconcileAsync("widgets.example.com", default);

        Assert.Null(_catalog.Find("example.com", "v1beta1", "widgets"));
        Assert.NotNull(_catalog.Find("example.com", "v1", "widgets"));
    }

    [Fact]
    public async Task Restart_RegistersStoredCrdsBeforeStartReturns()
    {
        await CreateCrdAsync(CrdFixtures.Widgets());
        var catalog = ResourceCatalog.CreateBuiltIn();
        await using var restarted = NewController(catalog, new CustomResourceVersions());

        await restarted.StartAsync(default);

        Assert.NotNull(catalog.Find("example.com", "v1", "widgets"));
    }

    [Fact]
    public async Task Delete_AddsTheCleanupFinalizer_ThenRemovesEveryObjectAndTheCrd()
    {
        await CreateCrdAsync(CrdFixtures.Widgets());
        var widgets = _catalog.Find("example.com", "v1", "widgets")!;
        await CreateAsync(widgets, TestJson.Obj("{'metadata':{'name':'w1','namespace':'default'},'spec':{'size':'small'}}"));
        await CreateAsync(widgets, TestJson.Obj("{'metadata':{'name':'w2','namespace':'kube-system'},'spec':{'size':'large'}}"));
        var crds = _registries.For(CrdInfo);

        var (marked, deleted) = await crds.DeleteAsync(string.Empty, "widgets.example.com", new DeleteRequest(), false, default);

        Assert.False(deleted);
        Assert.Equal(["customresourcecleanup.apiextensions.k8s.io"], Json.Finalizers(marked.Object)!.Select(f => (string?)f));
        Assert.Equal(("True", "InstanceDeletionPending", "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon"),
            Condition(marked.Object, "Terminating"));

        Assert.True(await _controller.ReconcileAsync("widgets.example.com", default));

        Assert.Null(await crds.TryGetAsync(string.Empty, "widgets.example.com", default));
        Assert.Empty((await _store.ListAsync(widgets.StoragePrefix, ListOptions.All)).Items);
        Assert.Null(_catalog.Find("example.com", "v1", "widgets"));
        Assert.Null(_versions.Find(widgets));
        Assert.DoesNotContain(_catalog.Groups(), g => g.Name == "example.com");
    }

    [Fact]
    public async Task Controller_FollowsTheCrdWatch()
    {
        await _controller.StartAsync(default);
        var crd = CrdFixtures.Widgets();
        var store = _registries.For(CrdInfo);
        store.Strategy.PrepareForCreate(crd);
        _admission.Admit(CrdInfo, crd, null);
        await store.CreateAsync(crd, false, default);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_catalog.Find("example.com", "v1", "widgets") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.NotNull(_catalog.Find("example.com", "v1", "widgets"));
    }

    private CrdController NewController(ResourceCatalog catalog, CustomResourceVersions versions) =>
        new(_registries, _caches, catalog, versions, TimeProvider.System, NullLogger<CrdController>.Instance);

    private async Task CreateCrdAsync(JsonObject crd)
    {
        var store = _registries.For(CrdInfo);
        store.Strategy.PrepareForCreate(crd);
        _admission.Admit(CrdInfo, crd, null);
        await store.CreateAsync(crd, false, default);
        await _controller.ReconcileAsync(Json.Name(crd), default);
    }

    private async Task<JsonObject> CreateAsync(ResourceInfo resource, JsonObject obj)
    {
        var store = _registries.For(resource);
        store.Strategy.PrepareForCreate(obj);
        _admission.Admit(resource, obj, null);
        return (await store.CreateAsync(obj, false, default)).Object;
    }

    private static (string?, string?, string?) Condition(JsonObject crd, string type)
    {
        var c = crd["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == type)!;
        return ((string?)c["status"], (string?)c["reason"], (string?)c["message"]);
    }
}
