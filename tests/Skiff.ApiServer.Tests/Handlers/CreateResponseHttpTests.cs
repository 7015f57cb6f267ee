using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Tests.Handlers;

/// <summary>A create answers with the stored bytes when the client wants plain JSON, and as before otherwise.</summary>
[Trait("Category", "Slow")]
public sealed class CreateResponseHttpTests : IAsyncLifetime
{
    private LoopbackApiServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        _admin = _server.Admin;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CreatedPod_IsTheSameBytesAGetReturns()
    {
        var created = await _admin.PostAsync("/api/v1/namespaces/default/pods", Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{"a":"b+c <&>"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json", created.Content.Headers.ContentType?.MediaType);

        var read = await _admin.GetStringAsync("/api/v1/namespaces/default/pods/p");

        Assert.Equal(read, await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreateAskingForYaml_AnswersYaml()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/configmaps")
        {
            Content = Json("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"y"},"data":{"k":"v"}}"""),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/yaml"));

        var created = await _admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/yaml", created.Content.Headers.ContentType?.MediaType);
        Assert.Contains("name: y", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateOfAConvertedKind_AnswersInTheRequestedVersion()
    {
        var created = await _admin.PostAsync(
            "/apis/events.k8s.io/v1/namespaces/default/events",
            Json("""{"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e"},"eventTime":"2024-01-01T00:00:00.000000Z","reportingController":"x","reportingInstance":"y","action":"A","reason":"R","regarding":{"kind":"Pod","name":"p"},"note":"n","type":"Normal"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal("events.k8s.io/v1", (string?)body["apiVersion"]);
        Assert.Equal("n", (string?)body["note"]);
        Assert.False(string.IsNullOrEmpty((string?)body["metadata"]!["resourceVersion"]));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
