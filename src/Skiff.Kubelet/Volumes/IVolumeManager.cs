using k8s.Models;

namespace Skiff.Kubelet.Volumes;

/// <summary>
/// Makes a pod's volumes exist on the host before its containers start, keeps configMap/secret/downwardAPI/projected
/// content in step with their sources, and removes them once the pod is gone. The pod workers turn each container's
/// volumeMounts into CRI mounts using <see cref="PodVolumes.HostPath"/>.
/// </summary>
public interface IVolumeManager
{
    /// <summary>
    /// Sets up every volume of the pod. Throws <see cref="VolumeSetupException"/> for failures the pod status should
    /// show (a missing ConfigMap key, an unbound claim), with upstream's reason and message.
    /// </summary>
    Task<PodVolumes> SetUpAsync(V1Pod pod, CancellationToken ct);

    /// <summary>Removes the pod's volume directories (unmounting tmpfs first).</summary>
    Task TearDownAsync(string podUid, CancellationToken ct);
}
