using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Skiff.Kubelet.Server;
using Xunit;

namespace Skiff.Kubelet.Tests.Server;

[Trait("Category", "Slow")]
public sealed class KubeletServerTests : IAsyncLifetime
{
    private readonly string _logs = Directory.CreateTempSubdirectory("skiff-kubelet-logs-").FullName;
    private readonly X509Certificate2 _ca = TestCertificates.Authority("test-ca");
    private KubeletServer _server = null!;

    public async Task InitializeAsync()
    {
        var container = Path.Combine(_logs, "default_web_uid-1", "app");
        Directory.CreateDirectory(container);
        await File.WriteAllTextAsync(Path.Combine(container, "0.log"), "2026-01-01T00:00:01Z stdout F hello\n2026-01-01T00:00:02Z stdout F world\n");
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "uid-1" } };
        _server = new KubeletServer(
            new KubeletServerOptions
            {
                Address = IPAddress.Loopback,
                Port = 0,
                ServingCertificate = TestCertificates.Leaf(_ca, "node", server: true),
                ClientAuthority = _ca,
                PodLogsDirectory = _logs,
            },
            new FixedPods([pod]),
            cri: null,
            NullLoggerFactory.Instance,
            TimeProvider.System);
        await _server.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_logs, recursive: true);
    }

    [Fact]
    public async Task ContainerLogs_WithClusterClientCertificate_ReturnsTailOfLog()
    {
        using var http = Client(TestCertificates.Leaf(_ca, "kube-apiserver-kubelet-client", server: false));

        var body = await http.GetStringAsync($"https://127.0.0.1:{_server.Port}/containerLogs/default/web/app?tailLines=1");

        Assert.Equal("world\n", body);
    }

    [Fact]
    public async Task Pods_ListsThePodSource()
    {
        using var http = Client(TestCertificates.Leaf(_ca, "client", server: false));

        var body = await http.GetStringAsync($"https://127.0.0.1:{_server.Port}/pods");

        Assert.Contains("\"uid-1\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WithCertificateFromAnotherAuthority_IsRefused()
    {
        using var other = TestCertificates.Authority("other-ca");
        using var http = Client(TestCertificates.Leaf(other, "intruder", server: false));

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync($"https://127.0.0.1:{_server.Port}/healthz"));
    }

    private HttpClient Client(X509Certificate2 clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = new X509CertificateCollection { clientCertificate };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null;
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    private sealed class FixedPods(IReadOnlyList<V1Pod> pods) : IKubeletPodSource
    {
        public IReadOnlyList<V1Pod> Pods() => pods;
    }
}
