namespace Skiff.Kubelet.Probes;

/// <summary>How probe workers report back to the manager.</summary>
internal interface IProbeListener
{
    void ProbeRan(ProbeKind kind, ProbeTarget target, ProbeResult result);

    void ResultsChanged(string podUid);

    void Unhealthy(ProbeKind kind, ProbeTarget target, ProbeResult result);
}
