using System.Text.Json.Nodes;
using Skiff.ApiServer.Admission;
using Skiff.ApiServer.Admission.Services;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Hosting;
using Skiff.ApiServer.Registry;
using Skiff.Storage;
using Skiff.Storage.Sqlite;

namespace Skiff.ApiServer.Tests.Admission;

/// <summary>Allocation wired through the registry: create takes, delete gives back, Jobs get generated selectors.</summary>
public sealed class ServiceLifecycleTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-svc-");
    private IStore _store = null!;
    private Registries _registries = null!;
    private ServiceAllocator _allocator = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(Path.Combine(_dir.FullName, "state.db"), new StoreOptions { CompactionInterval = TimeSpan.Zero, VerifyOnOpen = false });
        _allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        _registries = new Registries(_store, TimeProvider.System, _allocator);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task KubernetesService_GetsTheFirstAddress_AndFollowsTheApiPort()
    {
        var chain = new AdmissionChain(BuiltInAdmission.All());
        await KubernetesService.EnsureAsync(_registries, AdmissionKit.Catalog, chain, _allocator, 6443, CancellationToken.None);
        await KubernetesService.EnsureAsync(_registries, AdmissionKit.Catalog, chain, _allocator, 7443, CancellationToken.None);

        var svc = (await Services().GetAsync("default", "kubernetes", CancellationToken.None)).Object;
        Assert.Equal("10.43.0.1", (string?)svc["spec"]!["clusterIP"]);
        Assert.Equal(7443, (int)svc["spec"]!["ports"]![0]!["targetPort"]!);
        Assert.Equal(443, (int)svc["spec"]!["ports"]![0]!["port"]!);
        Assert.Equal("SingleStack", (string?)svc["spec"]!["ipFamilyPolicy"]);
    }

    [Fact]
    public async Task Delete_GivesTheAddressBack()
    {
        var store = Services();
        await store.CreateAsync(Service("a", "10.43.5.5"), dryRun: false, CancellationToken.None);
        await Assert.ThrowsAsync<ApiException>(() => store.CreateAsync(Service("b", "10.43.5.5"), dryRun: false, CancellationToken.None));

        await store.DeleteAsync("default", "a", new DeleteRequest(), dryRun: false, CancellationToken.None);
        await store.CreateAsync(Service("b", "10.43.5.5"), dryRun: false, CancellationToken.None);
    }

    [Fact]
    public async Task FailedCreate_GivesTheAddressBack()
    {
        var store = Services();
        await store.CreateAsync(Service("a", "10.43.6.1"), dryRun: false, CancellationToken.None);

        // Same name, so the write fails with AlreadyExists after the new address was taken.
        await Assert.ThrowsAsync<ApiException>(() => store.CreateAsync(Service("a", "10.43.6.2"), dryRun: false, CancellationToken.None));
        await store.CreateAsync(Service("c", "10.43.6.2"), dryRun: false, CancellationToken.None);
    }

    [Fact]
    public async Task Update_ThatOmitsTheClusterIp_KeepsIt()
    {
        var store = Services();
        var created = await store.CreateAsync(Service("a", string.Empty), dryRun: false, CancellationToken.None);
        var ip = (string)created.Object["spec"]!["clusterIP"]!;

        var replaced = Service("a", string.Empty);
        replaced["spec"]!["type"] = "NodePort";
        var updated = await store.UpdateAsync("default", "a", live =>
        {
            var next = (JsonObject)replaced.DeepClone();
            store.Strategy.PrepareForUpdate(next, live);
            return next;
        }, null, dryRun: false, CancellationToken.None);

        Assert.Equal(ip, (string?)updated.Object["spec"]!["clusterIP"]);
        Assert.InRange((long)updated.Object["spec"]!["ports"]![0]!["nodePort"]!, 30000, 32767);
    }

    [Fact]
    public async Task Job_WithoutManualSelector_GetsOneFromItsUid()
    {
        var info = AdmissionKit.Resource("batch/v1/jobs");
        var job = AdmissionKit.Parse("{'metadata':{'name':'pi','namespace':'default'},'spec':{'template':{'spec':{'restartPolicy':'Never','containers':[{'name':'c','image':'x'}]}}}}");
        var created = (await _registries.For(info).CreateAsync(job, dryRun: false, CancellationToken.None)).Object;

        var uid = (string)created["metadata"]!["uid"]!;
        AdmissionKit.AssertJsonEqual(
            new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } },
            created["spec"]!["selector"]!);
        AdmissionKit.AssertJsonEqual(
            new JsonObject
            {
                ["batch.kubernetes.io/controller-uid"] = uid,
                ["batch.kubernetes.io/job-name"] = "pi",
                ["controller-uid"] = uid,
                ["job-name"] = "pi",
            },
            created["spec"]!["template"]!["metadata"]!["labels"]!);
    }

    private ResourceStore Services() => _registries.For(AdmissionKit.Resource("v1/services"));

    private static JsonObject Service(string name, string clusterIp)
    {
        var svc = AdmissionKit.Parse("{'metadata':{'name':'" + name + "','namespace':'default'},'spec':{'ports':[{'port':80}]}}");
        if (clusterIp.Length > 0)
        {
            svc["spec"]!["clusterIP"] = clusterIp;
        }

        foreach (var plugin in BuiltInAdmission.All())
        {
            plugin.Default(AdmissionKit.Resource("v1/services"), svc, string.Empty);
        }

        return svc;
    }
}
