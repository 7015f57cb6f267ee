using k8s.Models;

namespace Skiff.Kubelet.Lifecycle;

/// <summary>Runs postStart and preStop handlers (exec through the CRI, httpGet to the pod IP, sleep).</summary>
public interface IHookRunner
{
    /// <summary>Returns an error message when the handler failed (the container is then killed, as upstream).</summary>
    Task<string?> RunAsync(V1Pod pod, V1Container container, string containerId, V1LifecycleHandler handler, string? podIp, CancellationToken ct);
}
