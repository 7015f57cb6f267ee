using k8s.Models;

namespace Skiff.Kubelet.Status;

/// <summary>Whether an exited container runs again, from the pod's restartPolicy (sidecars always restart).</summary>
public static class RestartRules
{
    public static bool IsSidecar(V1Container container) => container.RestartPolicy == "Always";

    public static bool ShouldRestart(V1Pod pod, V1Container container, bool isInit, int exitCode)
    {
        if (isInit && IsSidecar(container))
        {
            return true;
        }

        return (pod.Spec.RestartPolicy ?? "Always") switch
        {
            "Never" => false,
            "OnFailure" => exitCode != 0,
            // Init containers that succeeded are done even under Always.
            _ => !isInit || exitCode != 0,
        };
    }
}
