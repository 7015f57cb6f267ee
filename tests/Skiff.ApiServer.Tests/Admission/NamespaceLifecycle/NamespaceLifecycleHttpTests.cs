using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.Admission.NamespaceLifecycle;

/// <summary>
/// Creates in a namespace through an in-process API server, whose lifecycle check reads namespaces from the watch
/// cache: a namespace is usable the moment its create returns, and refuses content the moment its delete returns.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NamespaceLifecycleHttpTests : IAsyncLifetime
{
    private LoopbackApiServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        _admin = _server.Admin;

        // A first pod create starts the namespaces' watch cache, so the checks below go through it.
        Assert.Equal(HttpStatusCode.Created, (await CreatePodAsync("default", "warm")).StatusCode);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NamespaceCreated_IsUsableAtOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            await CreateNamespaceAsync($"fresh-{i}");
            Assert.Equal(HttpStatusCode.Created, (await CreatePodAsync($"fresh-{i}", "p")).StatusCode);
        }
    }

    [Fact]
    public async Task NamespaceMissing_IsNotFound()
    {
        var response = await CreatePodAsync("nowhere", "p");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("namespaces \"nowhere\" not found", (string?)status!["message"]);
    }

    [Fact]
    public async Task NamespaceTerminating_RefusesContentAtOnce()
    {
        for (var i = 0; i < 10; i++)
        {
            var ns = $"closing-{i}";
            await CreateNamespaceAsync(ns);
            Assert.Equal(HttpStatusCode.Created, (await CreatePodAsync(ns, "before")).StatusCode);

            // No namespace controller runs here, so the namespace stays Terminating.
            Assert.Equal(HttpStatusCode.OK, (await _admin.DeleteAsync($"/api/v1/namespaces/{ns}")).StatusCode);
            var response = await CreatePodAsync(ns, "after");

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var status = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal($"pods \"after\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", (string?)status["message"]);
            Assert.Equal("NamespaceTerminating", (string?)status["details"]!["causes"]![0]!["reason"]);
            Assert.Equal("metadata.namespace", (string?)status["details"]!["causes"]![0]!["field"]);
        }
    }

    [Fact]
    public async Task NamespaceDeleted_IsNotFoundAtOnce()
    {
        for (var i = 0; i < 10; i++)
        {
            var ns = $"gone-{i}";
            await CreateNamespaceAsync(ns);
            Assert.Equal(HttpStatusCode.Created, (await CreatePodAsync(ns, "before")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await _admin.DeleteAsync($"/api/v1/namespaces/{ns}")).StatusCode);

            // What the namespace controller does last: clearing spec.finalizers removes the namespace.
            var finalize = await _admin.PutAsync(
                $"/api/v1/namespaces/{ns}/finalize", Json($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"},"spec":{"finalizers":[]}}"""));
            Assert.Equal(HttpStatusCode.OK, finalize.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/namespaces/{ns}")).StatusCode);

            Assert.Equal(HttpStatusCode.NotFound, (await CreatePodAsync(ns, "after")).StatusCode);
        }
    }

    [Fact]
    public async Task NamespaceDeletedAndCreatedAgain_IsUsableAtOnce()
    {
        await CreateNamespaceAsync("again");
        Assert.Equal(HttpStatusCode.OK, (await _admin.DeleteAsync("/api/v1/namespaces/again")).StatusCode);
        await _admin.PutAsync("/api/v1/namespaces/again/finalize", Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"again"},"spec":{"finalizers":[]}}"""));
        await CreateNamespaceAsync("again");

        Assert.Equal(HttpStatusCode.Created, (await CreatePodAsync("again", "p")).StatusCode);
    }

    private async Task CreateNamespaceAsync(string name)
    {
        var response = await _admin.PostAsync("/api/v1/namespaces", Json($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private Task<HttpResponseMessage> CreatePodAsync(string ns, string name) =>
        _admin.PostAsync(
            $"/api/v1/namespaces/{ns}/pods",
            Json($$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}"""));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
