using k8s.Models;

namespace Skiff.Kubelet.Probes;

/// <summary>Runs one probe once (exec, httpGet, tcpSocket or grpc), bounded by its timeoutSeconds.</summary>
public interface IProbeRunner
{
    Task<ProbeResult> RunAsync(ProbeTarget target, V1Probe probe, CancellationToken ct);
}
