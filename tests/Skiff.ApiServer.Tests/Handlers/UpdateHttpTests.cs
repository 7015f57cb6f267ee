using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.Handlers;

/// <summary>PUT through an in-process API server: the optimistic concurrency a body with and without a resourceVersion gets.</summary>
[Trait("Category", "Slow")]
public sealed class UpdateHttpTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private LoopbackApiServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        _http = _server.Admin;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ConcurrentPutsWithoutResourceVersion_AllLandOnTheLatestObject()
    {
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsync(ConfigMaps, Body("""{"metadata":{"name":"shared"},"data":{"n":"start"}}"""))).StatusCode);

        // Writers that lose a race are re-run against the winner's object with the body each sent.
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            _http.PutAsync($"{ConfigMaps}/shared", Body($$$"""{"metadata":{"name":"shared","labels":{"w":"{{{i}}}"}},"data":{"n":"{{{i}}}"}}"""))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var last = (await _http.GetFromJsonAsync<JsonObject>($"{ConfigMaps}/shared"))!;
        Assert.Equal((string?)last["data"]!["n"], (string?)last["metadata"]!["labels"]!["w"]);
    }

    [Fact]
    public async Task PutAtAnOldResourceVersion_IsAConflictAndTheCurrentOneSucceeds()
    {
        var created = await _http.PostAsync(ConfigMaps, Body("""{"metadata":{"name":"versioned"},"data":{"n":"0"}}"""));
        var version = (string?)(await created.Content.ReadFromJsonAsync<JsonObject>())!["metadata"]!["resourceVersion"];
        var first = await _http.PutAsync($"{ConfigMaps}/versioned", Body($$$"""{"metadata":{"name":"versioned","resourceVersion":"{{{version}}}"},"data":{"n":"1"}}"""));
        var current = (string?)(await first.Content.ReadFromJsonAsync<JsonObject>())!["metadata"]!["resourceVersion"];

        var stale = await _http.PutAsync($"{ConfigMaps}/versioned", Body($$$"""{"metadata":{"name":"versioned","resourceVersion":"{{{version}}}"},"data":{"n":"2"}}"""));
        var fresh = await _http.PutAsync($"{ConfigMaps}/versioned", Body($$$"""{"metadata":{"name":"versioned","resourceVersion":"{{{current}}}"},"data":{"n":"3"}}"""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("3", (string?)(await _http.GetFromJsonAsync<JsonObject>($"{ConfigMaps}/versioned"))!["data"]!["n"]);
    }

    [Fact]
    public async Task PutOfAnotherUid_IsInvalid()
    {
        await _http.PostAsync(ConfigMaps, Body("""{"metadata":{"name":"owned"},"data":{"n":"0"}}"""));

        var response = await _http.PutAsync($"{ConfigMaps}/owned", Body("""{"metadata":{"name":"owned","uid":"0e2c4a3e-0000-4000-8000-000000000000"},"data":{"n":"1"}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            "ConfigMap \"owned\" is invalid: metadata.uid: Invalid value: \"0e2c4a3e-0000-4000-8000-000000000000\": field is immutable",
            (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]);
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");
}
