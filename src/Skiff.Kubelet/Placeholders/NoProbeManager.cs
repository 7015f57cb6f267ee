using k8s.Models;
using Skiff.Kubelet.Probes;

namespace Skiff.Kubelet.Placeholders;

/// <summary>Stand-in until the real probe manager is merged: every started container counts as started and ready.</summary>
public sealed class NoProbeManager : IProbeManager
{
    public event Action<ProbeFailure>? Unhealthy { add { } remove { } }

    public event Action<string>? ResultsChanged { add { } remove { } }

    public void ContainerStarted(V1Pod pod, V1Container container, string containerId, string? podIp, DateTimeOffset startedAt)
    {
    }

    public void Prune(string podUid, IReadOnlySet<string> runningContainerIds)
    {
    }

    public void RemovePod(string podUid)
    {
    }

    public bool IsReady(string podUid, string containerName) => true;

    public bool? IsStarted(string podUid, string containerName) => true;
}
