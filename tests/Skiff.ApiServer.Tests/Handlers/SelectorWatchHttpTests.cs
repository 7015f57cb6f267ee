using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.Handlers;

/// <summary>Watches from the watch cache with label and field selectors and as tables, through an in-process API server.</summary>
[Trait("Category", "Slow")]
public sealed class SelectorWatchHttpTests : IAsyncLifetime
{
    private const string Pods = "/api/v1/namespaces/default/pods";
    private LoopbackApiServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        _http = _server.Admin;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Watch_WithLabelAndFieldSelectors_SendsOnlyMatchingPods_AndTransitionsAsDeleted()
    {
        var rv = await ListVersionAsync();
        using var watch = await WatchAsync($"{Pods}?watch=1&resourceVersion={rv}&fieldSelector=spec.nodeName%3Dn1&labelSelector=app%3Dweb", accept: null);

        await CreatePodAsync("p1", "n1", "web");
        await CreatePodAsync("p2", "n2", "web");
        await CreatePodAsync("p3", "n1", "db");
        var added = await NextEventAsync(watch);
        Assert.Equal(("ADDED", "p1"), ((string?)added["type"], (string?)added["object"]!["metadata"]!["name"]));

        var relabel = await _http.PatchAsync($"{Pods}/p1", new StringContent("""{"metadata":{"labels":{"app":"db"}}}""", Encoding.UTF8, "application/merge-patch+json"));
        Assert.Equal(HttpStatusCode.OK, relabel.StatusCode);
        var left = await NextEventAsync(watch);
        Assert.Equal(("DELETED", "p1", "db"), ((string?)left["type"], (string?)left["object"]!["metadata"]!["name"], (string?)left["object"]!["metadata"]!["labels"]!["app"]));

        await CreatePodAsync("p4", "n1", "web");
        var next = await NextEventAsync(watch);
        Assert.Equal(("ADDED", "p4"), ((string?)next["type"], (string?)next["object"]!["metadata"]!["name"]));
    }

    [Fact]
    public async Task Watch_AsTable_SendsTableRows_AndPlainWatchSendsTheObject()
    {
        var rv = await ListVersionAsync();
        using var table = await WatchAsync($"{Pods}?watch=1&resourceVersion={rv}", accept: "application/json;as=Table;v=v1;g=meta.k8s.io");
        using var plain = await WatchAsync($"{Pods}?watch=1&resourceVersion={rv}", accept: null);

        var created = await CreatePodAsync("t1", "n1", "web");

        var row = await NextEventAsync(table);
        Assert.Equal("Table", (string?)row["object"]!["kind"]);
        Assert.Equal("t1", (string?)row["object"]!["rows"]![0]!["cells"]![0]);
        var obj = await NextEventAsync(plain);
        Assert.Equal(created.ToJsonString(), obj["object"]!.ToJsonString());
    }

    private async Task<string> ListVersionAsync()
    {
        var list = (await _http.GetFromJsonAsync<JsonObject>(Pods))!;
        return (string)list["metadata"]!["resourceVersion"]!;
    }

    private async Task<JsonObject> CreatePodAsync(string name, string node, string app)
    {
        var body = $$$"""{"metadata":{"name":"{{{name}}}","labels":{"app":"{{{app}}}"}},"spec":{"nodeName":"{{{node}}}","containers":[{"name":"c","image":"busybox"}]}}""";
        var response = await _http.PostAsync(Pods, new StringContent(body, Encoding.UTF8, "application/json"));
        var obj = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, obj.ToJsonString());
        return obj;
    }

    private async Task<StreamReader> WatchAsync(string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    private static async Task<JsonObject> NextEventAsync(StreamReader watch)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await watch.ReadLineAsync(timeout.Token);
        return JsonNode.Parse(line!)!.AsObject();
    }
}
