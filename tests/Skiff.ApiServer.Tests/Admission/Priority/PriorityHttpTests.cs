using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.ApiServer.Hosting;
using Skiff.Storage;
using Skiff.Storage.Sqlite;

namespace Skiff.ApiServer.Tests.Admission.Priority;

/// <summary>Priority admission through the real create path of an in-process API server.</summary>
[Trait("Category", "Slow")]
public sealed class PriorityHttpTests : IAsyncLifetime
{
    private const string Token = "prio-test-token";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("skiff-priohttp-");
    private IStore _store = null!;
    private ApiServerHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "server"));
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "server", "tokens.csv"), $"{Token},admin,1,system:masters\n");
        _store = await SqliteStore.OpenAsync(Path.Combine(_dir.FullName, "state.db"), new StoreOptions { CompactionInterval = TimeSpan.Zero });
        _host = new ApiServerHost(new ApiServerOptions { DataDir = _dir.FullName, BindAddress = IPAddress.Loopback, Port = 0 }, _store, NullLoggerFactory.Instance, TimeProvider.System);
        await _host.StartAsync(default);
        _http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
        {
            BaseAddress = new Uri($"https://127.0.0.1:{_host.Port}"),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _store.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task PodCreate_GetsItsClassPriority_AndUnknownClassesAreForbidden()
    {
        var system = await _http.GetAsync("/apis/scheduling.k8s.io/v1/priorityclasses/system-cluster-critical");
        Assert.Equal(HttpStatusCode.OK, system.StatusCode);

        var created = await _http.PostAsync("/api/v1/namespaces/default/pods", Pod("critical", "system-cluster-critical"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pod = await created.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(2000000000, (long)pod!["spec"]!["priority"]!);
        Assert.Equal("PreemptLowerPriority", (string?)pod["spec"]!["preemptionPolicy"]);

        var unknown = await _http.PostAsync("/api/v1/namespaces/default/pods", Pod("lost", "nope"));
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        var status = await unknown.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("pods \"lost\" is forbidden: no PriorityClass with name nope was found", (string?)status!["message"]);

        var tooHigh = await _http.PostAsync("/apis/scheduling.k8s.io/v1/priorityclasses",
            new StringContent("{\"apiVersion\":\"scheduling.k8s.io/v1\",\"kind\":\"PriorityClass\",\"metadata\":{\"name\":\"huge\"},\"value\":2000000000}", Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode)422, tooHigh.StatusCode);
    }

    private static StringContent Pod(string name, string priorityClass) => new(
        $"{{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{{\"name\":\"{name}\"}},\"spec\":{{\"priorityClassName\":\"{priorityClass}\",\"containers\":[{{\"name\":\"c\",\"image\":\"busybox\"}}]}}}}",
        Encoding.UTF8,
        "application/json");
}
