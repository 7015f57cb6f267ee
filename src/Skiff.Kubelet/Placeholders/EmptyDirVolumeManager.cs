using k8s.Models;
using Skiff.Kubelet.Volumes;

namespace Skiff.Kubelet.Placeholders;

/// <summary>
/// Stand-in until the real volume manager is merged: every volume is an empty directory under the pod's dir
/// (emptyDir semantics), hostPath volumes point at the host path.
/// </summary>
public sealed class EmptyDirVolumeManager(string podsDir) : IVolumeManager
{
    public Task<PodVolumes> SetUpAsync(V1Pod pod, CancellationToken ct)
    {
        var volumes = new Dictionary<string, VolumeHostPath>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            if (volume.HostPath is { } hostPath)
            {
                volumes[volume.Name] = new VolumeHostPath(hostPath.Path, ReadOnly: false);
                continue;
            }

            var dir = Path.Combine(podsDir, pod.Metadata.Uid, "volumes", volume.Name);
            Directory.CreateDirectory(dir);
            volumes[volume.Name] = new VolumeHostPath(dir, ReadOnly: false);
        }

        return Task.FromResult(new PodVolumes(volumes));
    }

    public Task TearDownAsync(string podUid, CancellationToken ct)
    {
        var dir = Path.Combine(podsDir, podUid, "volumes");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        return Task.CompletedTask;
    }
}
