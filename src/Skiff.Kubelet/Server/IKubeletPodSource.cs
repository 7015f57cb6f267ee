using k8s.Models;

namespace Skiff.Kubelet.Server;

/// <summary>The pods this node runs, as the pod workers last saw them (status included, for container ids).</summary>
public interface IKubeletPodSource
{
    IReadOnlyList<V1Pod> Pods();
}
