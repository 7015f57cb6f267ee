using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s.Models;
using Skiff.Kubelet.Probes;
using Skiff.Kubelet.Probes.Handlers;

namespace Skiff.Kubelet.Tests.Probes.Handlers;

public sealed class HttpAndTcpProberTests
{
    /// <summary>Answers one HTTP request per connection with <paramref name="status"/>; records the request head.</summary>
    private static (int Port, Task<string> Request, TcpListener Listener) Serve(int status, string? location = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var request = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var read = await stream.ReadAsync(buffer);
            var head = Encoding.ASCII.GetString(buffer, 0, read);
            var extra = location is null ? string.Empty : $"Location: {location}\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\n{extra}Content-Length: 2\r\nConnection: close\r\n\r\nok"));
            return head;
        });
        return (((IPEndPoint)listener.LocalEndpoint).Port, request, listener);
    }

    [Fact]
    public async Task HttpGet_200_SucceedsWithProbeHeaders()
    {
        var (port, request, listener) = Serve(200);
        using var _ = listener;
        using var prober = new HttpProber();
        var url = HttpGetTarget.Url(new V1HTTPGetAction { Port = port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path = "healthz" }, new V1Container { Name = "c" }, "127.0.0.1");

        var result = await prober.RunAsync(url, [new V1HTTPHeader { Name = "X-Probe", Value = "1" }], TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(ProbeOutcome.Success, result.Outcome);
        var head = await request;
        Assert.StartsWith("GET /healthz HTTP/1.1", head);
        Assert.Contains("User-Agent: kube-probe/", head);
        Assert.Contains("X-Probe: 1", head);
    }

    [Fact]
    public async Task HttpGet_500_FailsWithStatusMessage()
    {
        var (port, _, listener) = Serve(500);
        using var __ = listener;
        using var prober = new HttpProber();

        var result = await prober.RunAsync(new Uri($"http://127.0.0.1:{port}/"), null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(ProbeResult.Failure("HTTP probe failed with statuscode: 500"), result);
    }

    [Fact]
    public async Task HttpGet_RedirectToOtherHost_IsAWarningThatCountsAsSuccess()
    {
        var (port, _, listener) = Serve(302, "http://elsewhere.invalid/");
        using var __ = listener;
        using var prober = new HttpProber();

        var result = await prober.RunAsync(new Uri($"http://127.0.0.1:{port}/"), null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(ProbeOutcome.Warning, result.Outcome);
        Assert.True(result.Succeeded);
        Assert.StartsWith("Probe terminated redirects", result.Message);
    }

    [Fact]
    public async Task HttpGet_Refused_FailsLikeGoDialError()
    {
        var port = ClosedPort();
        using var prober = new HttpProber();

        var result = await prober.RunAsync(new Uri($"http://127.0.0.1:{port}/"), null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal($"Get \"http://127.0.0.1:{port}/\": dial tcp 127.0.0.1:{port}: connect: connection refused", result.Message);
        Assert.Equal(ProbeOutcome.Failure, result.Outcome);
    }

    [Fact]
    public async Task Tcp_OpenAndClosedPorts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var closed = ClosedPort();

        Assert.Equal(ProbeOutcome.Success, (await TcpProber.RunAsync("127.0.0.1", open, TimeSpan.FromSeconds(5), CancellationToken.None)).Outcome);
        Assert.Equal(ProbeResult.Failure($"dial tcp 127.0.0.1:{closed}: connect: connection refused"),
            await TcpProber.RunAsync("127.0.0.1", closed, TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    [Fact]
    public void NamedPort_ResolvesFromContainerPorts_UnknownNameFails()
    {
        var container = new V1Container { Name = "c", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }] };

        Assert.Equal(8080, PortResolver.Resolve("http", container));
        Assert.Equal("couldn't find port: grpc in c", Assert.Throws<ProbeSetupException>(() => PortResolver.Resolve("grpc", container)).Message);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
