using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Skiff.Kubelet.Server;
using Xunit;

namespace Skiff.Kubelet.Tests.Server;

public sealed class UpgradeRelayTests
{
    [Fact]
    public async Task Relay_PassesUpgradeThroughAndPumpsBytesBothWays()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var backend = new TcpListener(IPAddress.Loopback, 0);
        backend.Start();
        var backendPort = ((IPEndPoint)backend.LocalEndpoint).Port;
        var echo = EchoAfterUpgradeAsync(backend, cts.Token);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Map("/exec", context => UpgradeRelay.RelayAsync(context, new Uri($"http://127.0.0.1:{backendPort}/exec/abc"), context.RequestAborted));
        await app.StartAsync(cts.Token);
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /exec HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n"), cts.Token);
        var head = await ReadHeadAsync(stream, cts.Token);
        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        Assert.Contains("X-Stream-Protocol-Version: v4.channel.k8s.io", head, StringComparison.OrdinalIgnoreCase);

        await stream.WriteAsync("ping"u8.ToArray(), cts.Token);
        var buffer = new byte[4];
        await stream.ReadExactlyAsync(buffer, cts.Token);
        Assert.Equal("ping", Encoding.ASCII.GetString(buffer));

        client.Close();
        await echo;
        await app.StopAsync(cts.Token);
    }

    [Fact]
    public async Task Relay_RefusedUpgradeOnKeptAliveConnection_AnswersWithTheWholeRefusalAndEnds()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var backend = new TcpListener(IPAddress.Loopback, 0);
        backend.Start();
        var backendPort = ((IPEndPoint)backend.LocalEndpoint).Port;
        using var release = new SemaphoreSlim(0);
        var refuse = RefuseAndStayOpenAsync(backend, release, cts.Token);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Map("/exec", context => UpgradeRelay.RelayAsync(context, new Uri($"http://127.0.0.1:{backendPort}/exec/abc"), context.RequestAborted));
        await app.StartAsync(cts.Token);
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "GET /exec HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n"), cts.Token);
        var head = await ReadHeadAsync(stream, cts.Token);
        Assert.StartsWith("HTTP/1.1 403", head, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 9", head, StringComparison.OrdinalIgnoreCase);
        var body = new byte[9];
        await stream.ReadExactlyAsync(body, cts.Token);
        Assert.Equal("forbidden", Encoding.ASCII.GetString(body));

        release.Release();
        await refuse;
        await app.StopAsync(cts.Token);
    }

    /// <summary>What containerd's streaming server does with a WebSocket protocol it lacks: 403, and the connection kept alive.</summary>
    private static async Task RefuseAndStayOpenAsync(TcpListener listener, SemaphoreSlim release, CancellationToken ct)
    {
        using var socket = await listener.AcceptTcpClientAsync(ct);
        var stream = socket.GetStream();
        await ReadHeadAsync(stream, ct);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nforbidden"), ct);
        await release.WaitAsync(ct);
    }

    private static async Task EchoAfterUpgradeAsync(TcpListener listener, CancellationToken ct)
    {
        using var socket = await listener.AcceptTcpClientAsync(ct);
        var stream = socket.GetStream();
        var head = await ReadHeadAsync(stream, ct);
        Assert.Contains("X-Stream-Protocol-Version", head, StringComparison.OrdinalIgnoreCase);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n"), ct);
        var buffer = new byte[4];
        await stream.ReadExactlyAsync(buffer, ct);
        await stream.WriteAsync(buffer, ct);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await stream.ReadExactlyAsync(one, ct);
            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
