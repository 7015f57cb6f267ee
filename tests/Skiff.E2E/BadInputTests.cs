using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.E2E;

/// <summary>Every class of bad request gets a Status with the right code, and the server stays healthy.</summary>
[Trait("Category", "Slow")]
public sealed class BadInputTests : IClassFixture<ServerFixture>, IDisposable
{
    private readonly ServerFixture _fixture;
    private readonly HttpClient _http;

    public BadInputTests(ServerFixture fixture)
    {
        _fixture = fixture;
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        handler.ClientCertificates.Add(AdminCertificate.Load(fixture.Server.Kubeconfig));
        _http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{fixture.Server.Port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Dispose() => _http.Dispose();

    public static TheoryData<string, string, string, string, int, string> Cases() => new()
    {
        { "POST", "/api/v1/namespaces/default/configmaps", "application/json", "{not json", 400, "BadRequest" },
        { "POST", "/api/v1/namespaces/default/configmaps", "application/json", "[1,2,3]", 400, "BadRequest" },
        { "POST", "/api/v1/namespaces/default/configmaps", "application/yaml", "a: [1, 2\nb: {", 400, "BadRequest" },
        { "POST", "/api/v1/namespaces/default/configmaps", "application/json", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"}}""", 400, "BadRequest" },
        { "POST", "/api/v1/namespaces/default/configmaps", "text/csv", "a,b", 415, "UnsupportedMediaType" },
        { "POST", "/api/v1/namespaces/default/configmaps", "application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name"}}""", 422, "Invalid" },
        { "POST", "/api/v1/namespaces/default/configmaps", "application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}""", 422, "Invalid" },
        { "POST", "/api/v1/namespaces/missing-ns/configmaps", "application/json", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""", 404, "NotFound" },
        { "GET", "/api/v1/namespaces/default/configmaps/absent", "", "", 404, "NotFound" },
        { "GET", "/apis/nope.example.com/v1/things", "", "", 404, "NotFound" },
        { "GET", "/api/v1/namespaces/default/configmaps?labelSelector=a%20in%20(", "", "", 400, "BadRequest" },
        { "GET", "/api/v1/namespaces/default/pods?fieldSelector=spec.bogus%3Dx", "", "", 400, "BadRequest" },
        { "GET", "/api/v1/namespaces/default/configmaps?limit=abc", "", "", 400, "BadRequest" },
        { "GET", "/api/v1/namespaces/default/configmaps?continue=garbage", "", "", 400, "BadRequest" },
        { "PATCH", "/api/v1/namespaces/default/configmaps/absent", "application/merge-patch+json", "{}", 404, "NotFound" },
        { "PATCH", "/api/v1/namespaces/kube-system", "application/json-patch+json", "{\"op\":1}", 400, "BadRequest" },
        { "PATCH", "/api/v1/namespaces/kube-system", "text/plain", "x", 415, "UnsupportedMediaType" },
        { "DELETE", "/api/v1/namespaces/default/configmaps/absent", "", "", 404, "NotFound" },
        { "PUT", "/api/v1/namespaces/default", "application/json", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"other"}}""", 400, "BadRequest" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadRequest_GetsAStatusWithTheRightCode(string method, string path, string contentType, string body, int code, string reason)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await _http.SendAsync(request);

        Assert.Equal(code, (int)response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal(reason, status["reason"]!.GetValue<string>());
        Assert.Equal(code, status["code"]!.GetValue<int>());
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task OversizedBody_Is413_AndStoresNothing()
    {
        var big = new string('x', 4 * 1024 * 1024);
        using var content = new StringContent($"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"huge\"}},\"data\":{{\"a\":\"{big}\"}}}}", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync("/api/v1/namespaces/default/configmaps", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var get = await _http.GetAsync("/api/v1/namespaces/default/configmaps/huge");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task StaleUpdate_Is409Conflict()
    {
        using var create = await _http.PostAsync("/api/v1/namespaces/default/configmaps",
            new StringContent("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"conflicted"},"data":{"v":"1"}}""", Encoding.UTF8, "application/json"));
        var created = JsonNode.Parse(await create.Content.ReadAsStringAsync())!;
        var stale = created.DeepClone();
        created["data"]!["v"] = "2";
        using var first = await _http.PutAsync("/api/v1/namespaces/default/configmaps/conflicted", new StringContent(created.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        stale["data"]!["v"] = "3";
        using var second = await _http.PutAsync("/api/v1/namespaces/default/configmaps/conflicted", new StringContent(stale.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("Conflict", JsonNode.Parse(await second.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnonymousRequests_ReachOnlyHealthAndVersion()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var anonymous = new HttpClient(handler) { BaseAddress = _http.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync("/api/v1/namespaces")).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/namespaces")).StatusCode);
    }

    private async Task AssertHealthyAsync()
    {
        using var ready = await _http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
