using System.Text.Json.Nodes;
using Skiff.ApiServer.Admission.Services;
using Skiff.ApiServer.Errors;
using Skiff.Storage;
using Skiff.Storage.Sqlite;

namespace Skiff.ApiServer.Tests.Admission;

/// <summary>Allocation against the real SQLite store, so compare-and-swap and restarts are the real thing.</summary>
public sealed class ServiceAllocatorTests : IAsyncLifetime
{
    private static readonly StoreOptions Options = new() { CompactionInterval = TimeSpan.Zero, VerifyOnOpen = false };

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-alloc-");
    private IStore _store = null!;

    private string DbPath => Path.Combine(_dir.FullName, "state.db");

    public async Task InitializeAsync() => _store = await SqliteStore.OpenAsync(DbPath, Options);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task ConcurrentCreates_NeverShareAnIpOrNodePort()
    {
        var allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        var services = Enumerable.Range(0, 50).Select(i => Service($"s{i}", "{'type':'NodePort','ports':[{'port':80}]}")).ToList();

        await Task.WhenAll(services.Select(s => Task.Run(() => allocator.AllocateAsync(s, null, dryRun: false, CancellationToken.None))));

        var ips = services.Select(s => (string)s["spec"]!["clusterIP"]!).ToList();
        var ports = services.Select(s => (long)s["spec"]!["ports"]![0]!["nodePort"]!).ToList();
        Assert.Equal(50, ips.Distinct().Count());
        Assert.Equal(50, ports.Distinct().Count());
        Assert.DoesNotContain("10.43.0.1", ips);
        Assert.All(ports, p => Assert.InRange(p, 30000, 32767));
    }

    [Fact]
    public async Task RequestedIp_IsHonouredOnceThenReportedTaken()
    {
        var allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        var first = Service("a", "{'clusterIP':'10.43.7.7','ports':[{'port':80}]}");
        await allocator.AllocateAsync(first, null, dryRun: false, CancellationToken.None);
        Assert.Equal("10.43.7.7", (string?)first["spec"]!["clusterIP"]);

        var e = await Assert.ThrowsAsync<ApiException>(() =>
            allocator.AllocateAsync(Service("b", "{'clusterIP':'10.43.7.7','ports':[{'port':80}]}"), null, dryRun: false, CancellationToken.None));
        Assert.Equal(422, e.Code);
        Assert.Equal("Service \"b\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.43.7.7\"}: failed to allocate IP 10.43.7.7: provided IP is already allocated", e.Message);
    }

    [Fact]
    public async Task RequestedIp_OutsideTheRange_IsInvalid()
    {
        var allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        var e = await Assert.ThrowsAsync<ApiException>(() =>
            allocator.AllocateAsync(Service("b", "{'clusterIP':'10.96.0.10','ports':[{'port':80}]}"), null, dryRun: false, CancellationToken.None));
        Assert.Equal(
            "Service \"b\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.10\"}: failed to allocate IP 10.96.0.10: the provided IP (10.96.0.10) is not in the valid range. The range of valid IPs is 10.43.0.0/16",
            e.Message);
    }

    [Fact]
    public async Task RequestedNodePort_TakenOrOutOfRange_IsInvalid()
    {
        var allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        await allocator.AllocateAsync(Service("a", "{'type':'NodePort','ports':[{'port':80,'nodePort':30080}]}"), null, false, CancellationToken.None);

        var taken = await Assert.ThrowsAsync<ApiException>(() =>
            allocator.AllocateAsync(Service("b", "{'type':'NodePort','ports':[{'port':80,'nodePort':30080}]}"), null, false, CancellationToken.None));
        Assert.Equal("Service \"b\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated", taken.Message);

        var outside = await Assert.ThrowsAsync<ApiException>(() =>
            allocator.AllocateAsync(Service("c", "{'type':'NodePort','ports':[{'port':80,'nodePort':80}]}"), null, false, CancellationToken.None));
        Assert.Equal("Service \"c\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767", outside.Message);
    }

    [Fact]
    public async Task FailedAllocation_GivesBackWhatItTook()
    {
        var allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        await allocator.AllocateAsync(Service("a", "{'type':'NodePort','ports':[{'port':80,'nodePort':30080}]}"), null, false, CancellationToken.None);

        // The cluster IP is taken first, then the node port fails: the IP must be free again.
        await Assert.ThrowsAsync<ApiException>(() =>
            allocator.AllocateAsync(Service("b", "{'type':'NodePort','clusterIP':'10.43.9.9','ports':[{'port':80,'nodePort':30080}]}"), null, false, CancellationToken.None));
        await allocator.AllocateAsync(Service("c", "{'clusterIP':'10.43.9.9','ports':[{'port':80}]}"), null, false, CancellationToken.None);
    }

    [Fact]
    public async Task ExhaustedRange_IsAnInternalError()
    {
        // A /29 has six usable addresses; the first is kept for the kubernetes Service.
        var allocator = new ServiceAllocator(_store, "10.43.0.0/29");
        for (var i = 0; i < 5; i++)
        {
            await allocator.AllocateAsync(Service($"s{i}", "{'ports':[{'port':80}]}"), null, false, CancellationToken.None);
        }

        var e = await Assert.ThrowsAsync<ApiException>(() =>
            allocator.AllocateAsync(Service("full", "{'ports':[{'port':80}]}"), null, false, CancellationToken.None));
        Assert.Equal(500, e.Code);
        Assert.Equal("Internal error occurred: failed to allocate a serviceIP: range is full", e.Message);
    }

    [Fact]
    public async Task Release_FreesTheValuesForOthers()
    {
        var allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        var a = Service("a", "{'type':'NodePort','clusterIP':'10.43.1.1','ports':[{'port':80,'nodePort':31000}]}");
        await allocator.AllocateAsync(a, null, false, CancellationToken.None);
        await allocator.ReleaseAsync(allocator.Held(a), CancellationToken.None);

        await allocator.AllocateAsync(Service("b", "{'type':'NodePort','clusterIP':'10.43.1.1','ports':[{'port':80,'nodePort':31000}]}"), null, false, CancellationToken.None);
    }

    [Fact]
    public async Task State_SurvivesARestart()
    {
        var allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        await allocator.AllocateAsync(Service("a", "{'clusterIP':'10.43.2.2','ports':[{'port':80}]}"), null, false, CancellationToken.None);
        await _store.DisposeAsync();
        _store = await SqliteStore.OpenAsync(DbPath, Options);

        var reopened = new ServiceAllocator(_store, "10.43.0.0/16");
        await Assert.ThrowsAsync<ApiException>(() =>
            reopened.AllocateAsync(Service("b", "{'clusterIP':'10.43.2.2','ports':[{'port':80}]}"), null, false, CancellationToken.None));
        Assert.NotNull(await _store.GetAsync(ServiceAllocator.ServiceIpsKey));
    }

    [Fact]
    public async Task Update_KeepsWhatTheLiveObjectHolds_AndAddsNodePorts()
    {
        var allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        var live = Service("a", "{'clusterIP':'10.43.3.3','ports':[{'port':80}]}");
        await allocator.AllocateAsync(live, null, false, CancellationToken.None);

        var desired = Service("a", "{'type':'NodePort','clusterIP':'10.43.3.3','ports':[{'port':80}]}");
        var taken = await allocator.AllocateAsync(desired, live, false, CancellationToken.None);

        var port = Assert.Single(taken);
        Assert.False(port.IsClusterIp);
        Assert.Equal(port.Value, (long)desired["spec"]!["ports"]![0]!["nodePort"]!);
    }

    [Fact]
    public async Task DryRun_TakesNothing()
    {
        var allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        var dry = Service("a", "{'clusterIP':'10.43.4.4','ports':[{'port':80}]}");
        await allocator.AllocateAsync(dry, null, dryRun: true, CancellationToken.None);
        await allocator.AllocateAsync(Service("b", "{'clusterIP':'10.43.4.4','ports':[{'port':80}]}"), null, false, CancellationToken.None);
    }

    [Fact]
    public async Task Headless_And_ExternalName_TakeNoIp()
    {
        var allocator = new ServiceAllocator(_store, "10.43.0.0/16");
        var headless = Service("h", "{'clusterIP':'None','ports':[{'port':80}]}");
        var external = Service("e", "{'type':'ExternalName','externalName':'example.com'}");
        Assert.Empty(await allocator.AllocateAsync(headless, null, false, CancellationToken.None));
        Assert.Empty(await allocator.AllocateAsync(external, null, false, CancellationToken.None));
        Assert.Null(external["spec"]!["clusterIP"]);
    }

    private static JsonObject Service(string name, string spec) =>
        AdmissionKit.Parse("{'metadata':{'name':'" + name + "','namespace':'default'},'spec':" + spec + "}");
}
