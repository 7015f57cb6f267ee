using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Skiff.ApiServer.Tests.InProcess;

/// <summary>The server's own components' transport against the real pipeline: same user, same objects, working watches.</summary>
[Trait("Category", "Slow")]
public sealed class InProcessApiServerTests : IAsyncLifetime
{
    private LoopbackApiServer _server = null!;
    private Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackApiServer.StartAsync();
        var certificates = _server.Host.Certificates;
        var config = new KubernetesClientConfiguration
        {
            Host = $"https://127.0.0.1:{_server.Host.Port}",
            SkipTlsVerify = true,
        };
        _client = new Kubernetes(config, _server.Host.CreateInProcessHandler(certificates.Admin));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Requests_AreAuthenticatedAsTheCertificatesUser()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_client.BaseUri, "/apis/authentication.k8s.io/v1/selfsubjectreviews"));
        request.Content = new StringContent("""{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.HttpClient.SendAsync(request);
        var review = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("system:admin", (string?)review["status"]!["userInfo"]!["username"]);
        Assert.Contains("system:masters", review["status"]!["userInfo"]!["groups"]!.AsArray().Select(g => (string?)g));
    }

    [Fact]
    public async Task TypedClient_CreatesReadsAndWatchesObjects()
    {
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c1" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, "default");
        var read = await _client.CoreV1.ReadNamespacedConfigMapAsync("c1", "default");
        Assert.Equal("v", read.Data["k"]);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = _client.CoreV1.WatchListNamespacedConfigMapAsync(
            "default", resourceVersion: created.Metadata.ResourceVersion, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        try
        {
            var next = events.MoveNextAsync().AsTask();
            await _client.CoreV1.DeleteNamespacedConfigMapAsync("c1", "default");

            Assert.True(await next);
            Assert.Equal((WatchEventType.Deleted, "c1"), (events.Current.Item1, events.Current.Item2.Metadata.Name));
        }
        finally
        {
            await events.DisposeAsync();
        }
    }
}
