using System.Net.Sockets;

namespace Skiff.Kubelet.Probes.Handlers;

/// <summary>tcpSocket probes: success when a connection opens within the timeout.</summary>
public static class TcpProber
{
    public static async Task<ProbeResult> RunAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            return ProbeResult.Success();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.Failure($"dial tcp {HostPort.Join(host, port)}: i/o timeout");
        }
        catch (SocketException e)
        {
            return ProbeResult.Failure($"dial tcp {HostPort.Join(host, port)}: {HostPort.Describe(e)}");
        }
    }
}
