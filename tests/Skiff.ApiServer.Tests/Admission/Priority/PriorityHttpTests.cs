using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.Admission.Priority;

/// <summary>Priority admission through the real create path of an in-process API server.</summary>
[Trait("Category", "Slow")]
public sealed class PriorityHttpTests : IAsyncLifetime
{
    private LoopbackApiServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        _http = _server.Admin;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

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
