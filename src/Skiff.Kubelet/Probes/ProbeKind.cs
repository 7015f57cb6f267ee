namespace Skiff.Kubelet.Probes;

public enum ProbeKind
{
    Liveness,
    Readiness,
    Startup,
}
