using k8s.Models;

namespace Skiff.Kubelet.Probes;

/// <summary>
/// Runs the startup, liveness and readiness probes of running containers on their schedules. The pod workers tell it
/// which containers run; it reports readiness for status and asks for restarts when liveness fails.
/// </summary>
public interface IProbeManager
{
    /// <summary>Starts (or keeps) probing a container that is running as <paramref name="containerId"/>.</summary>
    void ContainerStarted(V1Pod pod, V1Container container, string containerId, string? podIp, DateTimeOffset startedAt);

    /// <summary>Stops probing every container of the pod that is not in <paramref name="runningContainerIds"/>.</summary>
    void Prune(string podUid, IReadOnlySet<string> runningContainerIds);

    /// <summary>Stops all probes of a pod.</summary>
    void RemovePod(string podUid);

    /// <summary>Ready as the Ready condition sees it: no readiness probe means ready once started (and startup passed).</summary>
    bool IsReady(string podUid, string containerName);

    /// <summary>Null while a startup probe is still running; true once it passed (or when there is none).</summary>
    bool? IsStarted(string podUid, string containerName);

    /// <summary>Raised when a liveness (or startup) probe fails past its threshold: the container must be restarted.</summary>
    event Action<ProbeFailure>? Unhealthy;

    /// <summary>Raised when readiness or startup results change, so status can be written again.</summary>
    event Action<string>? ResultsChanged;
}
