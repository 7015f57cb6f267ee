using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Skiff.Storage;

namespace Skiff.ApiServer.Tests.CustomResources;

/// <summary>The CRD life over HTTPS against an in-process API server on loopback with the SQLite store.</summary>
[Trait("Category", "Slow")]
public sealed class CrdHttpTests : IAsyncLifetime
{
    private const string CrdJsonFinalizer = "customresourcecleanup.apiextensions.k8s.io";
    private LoopbackApiServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        _http = _server.Admin;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CrdLife_CreateServeValidateScaleAndDelete()
    {
        var created = await _http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Json(CrdFixtures.Widgets()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await EventuallyAsync(async () => (await _http.GetAsync("/apis/example.com/v1")).StatusCode == HttpStatusCode.OK);

        var groups = await _http.GetFromJsonAsync<JsonObject>("/apis");
        var group = groups!["groups"]!.AsArray().Single(g => (string?)g!["name"] == "example.com")!;
        Assert.Equal("example.com/v1", (string?)group["preferredVersion"]!["groupVersion"]);

        var widget = await _http.PostAsync("/apis/example.com/v1/namespaces/default/widgets",
            Json(TestJson.Obj("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w1'},'spec':{'size':'small','junk':1}}")));
        Assert.Equal(HttpStatusCode.Created, widget.StatusCode);
        var body = await widget.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("{\"size\":\"small\",\"replicas\":1}", body!["spec"]!.ToJsonString());

        var beta = await _http.GetFromJsonAsync<JsonObject>("/apis/example.com/v1beta1/namespaces/default/widgets/w1");
        Assert.Equal("example.com/v1beta1", (string?)beta!["apiVersion"]);
        var viaBeta = await _http.PostAsync("/apis/example.com/v1beta1/namespaces/default/widgets",
            Json(TestJson.Obj("{'apiVersion':'example.com/v1beta1','kind':'Widget','metadata':{'name':'w3'},'spec':{'size':'large','free':'form'}}")));
        Assert.Equal("example.com/v1beta1", (string?)(await viaBeta.Content.ReadFromJsonAsync<JsonObject>())!["apiVersion"]);
        var stored = await _server.Store.GetAsync("/registry/example.com/widgets/default/w3");
        Assert.Equal("example.com/v1", (string?)JsonNode.Parse(stored!.Value)!["apiVersion"]);

        var invalid = await _http.PostAsync("/apis/example.com/v1/namespaces/default/widgets",
            Json(TestJson.Obj("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w2'},'spec':{}}")));
        Assert.Equal((HttpStatusCode)422, invalid.StatusCode);
        var status = await invalid.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Widget.example.com \"w2\" is invalid: spec.size: Required value", (string?)status!["message"]);

        using var tableRequest = new HttpRequestMessage(HttpMethod.Get, "/apis/example.com/v1/namespaces/default/widgets");
        tableRequest.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
        var table = await (await _http.SendAsync(tableRequest)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(["Name", "Replicas"], table!["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal("w1", (string?)table["rows"]![0]!["cells"]![0]);

        var scaled = await _http.PutAsync("/apis/example.com/v1/namespaces/default/widgets/w1/scale",
            Json(TestJson.Obj("{'apiVersion':'autoscaling/v1','kind':'Scale','metadata':{'name':'w1','namespace':'default'},'spec':{'replicas':3}}")));
        Assert.Equal(HttpStatusCode.OK, scaled.StatusCode);
        var after = await _http.GetFromJsonAsync<JsonObject>("/apis/example.com/v1/namespaces/default/widgets/w1");
        Assert.Equal(3, (int)after!["spec"]!["replicas"]!);
        Assert.Equal(2, (int)after["metadata"]!["generation"]!);

        var deleted = await _http.DeleteAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
        // Upstream answers 200 here; the generic delete handler answers 202 for any delete that waits on finalizers.
        Assert.True(deleted.IsSuccessStatusCode);
        Assert.Contains(CrdJsonFinalizer, await deleted.Content.ReadAsStringAsync());
        await EventuallyAsync(async () =>
            (await _http.GetAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")).StatusCode == HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/apis/example.com/v1/namespaces/default/widgets")).StatusCode);
        Assert.Empty((await _server.Store.ListAsync("/registry/example.com/widgets/", ListOptions.All)).Items);
    }

    private static StringContent Json(JsonObject obj) => new(obj.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }
}
