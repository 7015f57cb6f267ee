using k8s.Models;
using Skiff.Kubelet.Cri;
using Skiff.Kubelet.Probes.Handlers;

namespace Skiff.Kubelet.Probes;

/// <summary>Runs a probe by its handler: exec through the CRI, httpGet, tcpSocket or grpc against the pod IP.</summary>
public sealed class ProbeRunner(CriConnection cri) : IProbeRunner, IDisposable
{
    private readonly ExecProber _exec = new(new ContainerExec(cri.Runtime));
    private readonly HttpProber _http = new();

    public async Task<ProbeResult> RunAsync(ProbeTarget target, V1Probe probe, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1));
        try
        {
            if (probe.Exec is { } exec)
            {
                return await _exec.RunAsync(target.ContainerId, exec.Command ?? [], timeout, ct).ConfigureAwait(false);
            }

            if (probe.HttpGet is { } httpGet)
            {
                var url = HttpGetTarget.Url(httpGet, target.Container, target.PodIp);
                return await _http.RunAsync(url, httpGet.HttpHeaders, timeout, ct).ConfigureAwait(false);
            }

            if (probe.TcpSocket is { } tcp)
            {
                var host = string.IsNullOrEmpty(tcp.Host) ? target.PodIp : tcp.Host;
                if (string.IsNullOrEmpty(host))
                {
                    return ProbeResult.Error("no pod IP to probe");
                }

                return await TcpProber.RunAsync(host, PortResolver.Resolve(tcp.Port, target.Container), timeout, ct).ConfigureAwait(false);
            }

            if (probe.Grpc is { } grpc)
            {
                if (string.IsNullOrEmpty(target.PodIp))
                {
                    return ProbeResult.Error("no pod IP to probe");
                }

                return await GrpcProber.RunAsync(target.PodIp, grpc.Port, grpc.Service, timeout, ct).ConfigureAwait(false);
            }
        }
        catch (ProbeSetupException e)
        {
            return ProbeResult.Error(e.Message);
        }

        return ProbeResult.Error("missing probe handler");
    }

    public void Dispose() => _http.Dispose();
}
