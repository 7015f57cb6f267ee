using System.Net.WebSockets;
using System.Text.Json.Nodes;
using k8s;

namespace Skiff.E2E;

/// <summary>Watches over WebSocket, as browsers and some clients use them.</summary>
[Trait("Category", "Slow")]
public sealed class WebSocketWatchTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture _fixture;

    public WebSocketWatchTests(ServerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task WatchOverWebSocket_DeliversOneEventPerMessage()
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(_fixture.Server.Kubeconfig);
        using var client = new Kubernetes(config);
        var ns = $"ws-{Guid.NewGuid().ToString("N")[..6]}";
        await client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = ns } });

        using var socket = new ClientWebSocket();
        socket.Options.ClientCertificates.Add(AdminCertificate.Load(_fixture.Server.Kubeconfig));
        socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Only our ConfigMap: the root CA publisher adds kube-root-ca.crt to the new namespace at the same moment.
        await socket.ConnectAsync(new Uri($"wss://127.0.0.1:{_fixture.Server.Port}/api/v1/namespaces/{ns}/configmaps?watch=1&fieldSelector=metadata.name%3Dseen"), timeout.Token);

        await client.CoreV1.CreateNamespacedConfigMapAsync(new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { Name = "seen" } }, ns);

        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        Assert.True(result.EndOfMessage);
        var e = JsonNode.Parse(buffer.AsSpan(0, result.Count))!;
        Assert.Equal("ADDED", e["type"]!.GetValue<string>());
        Assert.Equal("seen", e["object"]!["metadata"]!["name"]!.GetValue<string>());
    }
}
