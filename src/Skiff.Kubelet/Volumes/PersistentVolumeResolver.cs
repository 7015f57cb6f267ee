using k8s.Models;

namespace Skiff.Kubelet.Volumes;

/// <summary>Follows a persistentVolumeClaim volume to its bound PersistentVolume's path on this node (hostPath or local PVs).</summary>
public sealed class PersistentVolumeResolver(IVolumeSources sources)
{
    public async Task<VolumeHostPath> ResolveAsync(string ns, V1PersistentVolumeClaimVolumeSource claim, CancellationToken ct)
    {
        var pvc = await sources.PersistentVolumeClaimAsync(ns, claim.ClaimName, ct).ConfigureAwait(false)
            ?? throw new VolumeSetupException("FailedMount", $"persistentvolumeclaim \"{claim.ClaimName}\" not found");
        var phase = pvc.Status?.Phase ?? string.Empty;
        var volumeName = pvc.Spec?.VolumeName ?? string.Empty;
        if (phase != "Bound" || volumeName.Length == 0)
        {
            throw new VolumeSetupException("FailedMount", $"PVC {ns}/{claim.ClaimName} has non-bound phase (\"{phase}\") or empty pvc.Spec.VolumeName (\"{volumeName}\")");
        }

        var pv = await sources.PersistentVolumeAsync(volumeName, ct).ConfigureAwait(false)
            ?? throw new VolumeSetupException("FailedMount", $"persistentvolume \"{volumeName}\" not found");
        var readOnly = claim.ReadOnlyProperty == true;
        if (pv.Spec?.HostPath is { } hostPath)
        {
            if (HostPathTypeChecker.Check(hostPath.Path, hostPath.Type) is { } error)
            {
                throw new VolumeSetupException("FailedMount", $"MountVolume.SetUp failed for volume \"{volumeName}\" : {error}");
            }

            return new VolumeHostPath(hostPath.Path, readOnly);
        }

        if (pv.Spec?.Local is { } local)
        {
            if (!Path.Exists(local.Path))
            {
                throw new VolumeSetupException("FailedMount", $"MountVolume.NewMounter initialization failed for volume \"{volumeName}\" : path \"{local.Path}\" does not exist");
            }

            return new VolumeHostPath(local.Path, readOnly);
        }

        throw new VolumeSetupException("FailedMount", $"persistentvolume \"{volumeName}\": no volume plugin matched (Skiff serves hostPath and local volumes)");
    }
}
