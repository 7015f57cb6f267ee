using System.Text.Json.Nodes;
using Skiff.ApiServer.Admission.Priority;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Hosting;
using Skiff.ApiServer.Registry;
using Skiff.Storage;
using Skiff.Storage.Sqlite;

namespace Skiff.ApiServer.Tests.Admission.Priority;

/// <summary>Upstream's Priority admission over a real store holding PriorityClasses.</summary>
public sealed class PriorityAdmissionTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-prio-");
    private IStore _store = null!;
    private Registries _registries = null!;
    private PriorityAdmission _admission = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(Path.Combine(_dir.FullName, "state.db"), new StoreOptions { CompactionInterval = TimeSpan.Zero, VerifyOnOpen = false });
        _registries = new Registries(_store, TimeProvider.System);
        _admission = new PriorityAdmission(_registries, AdmissionKit.Catalog);
        await SystemPriorityClassSeeder.EnsureAsync(_registries, AdmissionKit.Catalog, default);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task NamedClass_SetsPriorityAndPreemptionPolicy()
    {
        await AddClassAsync("{'metadata':{'name':'low'},'value':5,'preemptionPolicy':'Never'}");
        var pod = await AdmitAsync("{'metadata':{'name':'p'},'spec':{'priorityClassName':'low'}}");
        Assert.Equal(5, (long)pod["spec"]!["priority"]!);
        Assert.Equal("Never", (string?)pod["spec"]!["preemptionPolicy"]);
    }

    [Fact]
    public async Task SystemClass_ExistsFromStart()
    {
        var pod = await AdmitAsync("{'metadata':{'name':'p'},'spec':{'priorityClassName':'system-node-critical'}}");
        Assert.Equal(2000001000, (long)pod["spec"]!["priority"]!);
    }

    [Fact]
    public async Task UnknownClass_IsForbidden()
    {
        var e = await Assert.ThrowsAsync<ApiException>(() => AdmitAsync("{'metadata':{'name':'p'},'spec':{'priorityClassName':'nope'}}"));
        Assert.Equal(403, e.Code);
        Assert.Equal("pods \"p\" is forbidden: no PriorityClass with name nope was found", e.Message);
    }

    [Fact]
    public async Task NoClass_WithoutGlobalDefault_GetsZero()
    {
        var pod = await AdmitAsync("{'metadata':{'name':'p'},'spec':{}}");
        Assert.Equal(0, (long)pod["spec"]!["priority"]!);
        Assert.Null(pod["spec"]!["priorityClassName"]);
        Assert.Equal("PreemptLowerPriority", (string?)pod["spec"]!["preemptionPolicy"]);
    }

    [Fact]
    public async Task NoClass_TakesTheGlobalDefaultClass()
    {
        await AddClassAsync("{'metadata':{'name':'normal'},'value':100,'globalDefault':true}");
        var pod = await AdmitAsync("{'metadata':{'name':'p'},'spec':{}}");
        Assert.Equal(100, (long)pod["spec"]!["priority"]!);
        Assert.Equal("normal", (string?)pod["spec"]!["priorityClassName"]);
    }

    [Fact]
    public async Task GlobalDefault_AddedChangedOrDeletedBetweenPods_AppliesToTheNextPod()
    {
        var store = _registries.For(AdmissionKit.Resource("scheduling.k8s.io/v1/priorityclasses"));
        Assert.Equal(0, (long)(await AdmitAsync("{'metadata':{'name':'p1'},'spec':{}}"))["spec"]!["priority"]!);

        await AddClassAsync("{'metadata':{'name':'normal'},'value':100,'globalDefault':true}");
        Assert.Equal(100, (long)(await AdmitAsync("{'metadata':{'name':'p2'},'spec':{}}"))["spec"]!["priority"]!);

        await store.UpdateAsync(string.Empty, "normal", live =>
        {
            live["value"] = 150;
            return live;
        }, null, dryRun: false, default);
        Assert.Equal(150, (long)(await AdmitAsync("{'metadata':{'name':'p3'},'spec':{}}"))["spec"]!["priority"]!);

        await store.DeleteAsync(string.Empty, "normal", new DeleteRequest(), dryRun: false, default);
        var last = await AdmitAsync("{'metadata':{'name':'p4'},'spec':{}}");
        Assert.Equal(0, (long)last["spec"]!["priority"]!);
        Assert.Null(last["spec"]!["priorityClassName"]);
    }

    [Fact]
    public async Task PriorityInSpec_DifferentFromClass_IsForbidden()
    {
        await AddClassAsync("{'metadata':{'name':'low'},'value':5}");
        var e = await Assert.ThrowsAsync<ApiException>(() => AdmitAsync("{'metadata':{'name':'p'},'spec':{'priorityClassName':'low','priority':7}}"));
        Assert.Equal(403, e.Code);
        Assert.Equal(
            "pods \"p\" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 5 from the given PriorityClass name",
            e.Message);
    }

    [Fact]
    public async Task PriorityInSpec_EqualToClass_IsAccepted()
    {
        await AddClassAsync("{'metadata':{'name':'low'},'value':5}");
        var pod = await AdmitAsync("{'metadata':{'name':'p'},'spec':{'priorityClassName':'low','priority':5}}");
        Assert.Equal(5, (long)pod["spec"]!["priority"]!);
    }

    private async Task<JsonObject> AdmitAsync(string pod)
    {
        var obj = AdmissionKit.Parse(pod);
        await _admission.AdmitCreateAsync(AdmissionKit.Resource("v1/pods"), obj, default);
        return obj;
    }

    private async Task AddClassAsync(string json)
    {
        var obj = AdmissionKit.Parse(json);
        obj["apiVersion"] = "scheduling.k8s.io/v1";
        obj["kind"] = "PriorityClass";
        var store = _registries.For(AdmissionKit.Resource("scheduling.k8s.io/v1/priorityclasses"));
        store.Strategy.PrepareForCreate(obj);
        await store.CreateAsync(obj, dryRun: false, default);
    }
}
