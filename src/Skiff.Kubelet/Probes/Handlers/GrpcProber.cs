using Grpc.Core;
using Grpc.Net.Client;
using Skiff.Kubelet.Probes.GrpcHealth;

namespace Skiff.Kubelet.Probes.Handlers;

/// <summary>grpc probes: grpc.health.v1.Health/Check over plaintext HTTP/2; SERVING is success.</summary>
public static class GrpcProber
{
    public static async Task<ProbeResult> RunAsync(string host, int port, string? service, TimeSpan timeout, CancellationToken ct)
    {
        var address = HostPort.Join(host, port);
        using var channel = GrpcChannel.ForAddress("http://" + address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = timeout },
            DisposeHttpClient = true,
        });
        var client = new Health.HealthClient(channel);
        var seconds = Math.Max(1, (int)timeout.TotalSeconds);
        try
        {
            var response = await client.CheckAsync(new HealthCheckRequest { Service = service ?? string.Empty },
                new Metadata { { "user-agent", HttpProber.UserAgent } }, DateTime.UtcNow + timeout, ct).ConfigureAwait(false);
            return response.Status == HealthCheckResponse.Types.ServingStatus.Serving
                ? ProbeResult.Success()
                : ProbeResult.Failure($"service unhealthy (responded with \"{StatusName(response.Status)}\")");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            return ProbeResult.Failure($"this server does not implement the grpc health protocol (grpc.health.v1.Health): {e.Status.Detail}");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            return ProbeResult.Failure($"timeout: health rpc did not complete within {seconds}s");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            return ProbeResult.Failure($"timeout: failed to connect service \"{address}\" within {seconds}s: {e.Status.Detail}");
        }
        catch (RpcException e)
        {
            return ProbeResult.Failure($"health rpc probe failed: {e.Status.Detail}");
        }
    }

    private static string StatusName(HealthCheckResponse.Types.ServingStatus status) => status switch
    {
        HealthCheckResponse.Types.ServingStatus.Serving => "SERVING",
        HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
        HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
        _ => "UNKNOWN",
    };
}
