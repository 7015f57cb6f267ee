using k8s.Models;
using Skiff.Client.Cache;
using Skiff.Scheduler.Framework;
using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.VolumeBinding;

/// <summary>
/// The volume checks Skiff needs so far: a pod with PersistentVolumeClaims waits until its claims exist and
/// immediate-binding claims are bound, and lands only on nodes its bound volumes' node affinity allows. Claims with
/// WaitForFirstConsumer binding pass; Skiff does not bind or provision volumes for the scheduler yet.
/// </summary>
internal sealed class VolumeBindingPlugin : IPreFilterPlugin, IFilterPlugin
{
    public const string PluginName = "VolumeBinding";

    public const string ReasonUnboundImmediate = "pod has unbound immediate PersistentVolumeClaims";

    public const string ReasonNodeConflict = "node(s) had volume node affinity conflict";

    public const string ReasonVolumeMissing = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";

    // Filters reject thousands of nodes per pod; one shared status per reason saves allocating each time.
    private static readonly Status s_reasonVolumeMissingStatus = Status.Unresolvable(ReasonVolumeMissing);
    private static readonly Status s_reasonNodeConflictStatus = Status.Unresolvable(ReasonNodeConflict);

    private const string PreFilterKey = "PreFilter" + PluginName;

    private readonly ILister<V1PersistentVolumeClaim> _claims;
    private readonly ILister<V1PersistentVolume> _volumes;
    private readonly ILister<V1StorageClass>? _classes;

    /// <param name="classes">Storage classes decide a claim's binding mode; without them every unbound claim counts as immediate.</param>
    public VolumeBindingPlugin(ILister<V1PersistentVolumeClaim> claims, ILister<V1PersistentVolume> volumes, ILister<V1StorageClass>? classes = null)
    {
        _claims = claims;
        _volumes = volumes;
        _classes = classes;
    }

    public string Name => PluginName;

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, V1Pod pod, IReadOnlyList<NodeInfo> nodes)
    {
        var ns = pod.Metadata?.NamespaceProperty;
        var affinities = new List<RequiredNodeSelector>();
        var missingVolume = false;
        var unboundImmediate = false;
        var hasClaims = false;
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            var ephemeral = volume.Ephemeral is not null;
            var claimName = volume.PersistentVolumeClaim?.ClaimName ?? (ephemeral ? $"{pod.Metadata?.Name}-{volume.Name}" : null);
            if (claimName is null)
            {
                continue;
            }

            hasClaims = true;
            var claim = _claims.Get(ns, claimName);
            if (claim is null)
            {
                return (null, Status.Unresolvable(ephemeral
                    ? $"waiting for ephemeral volume controller to create the persistentvolumeclaim \"{claimName}\""
                    : $"persistentvolumeclaim \"{claimName}\" not found"));
            }

            if (claim.Metadata?.DeletionTimestamp is not null)
            {
                return (null, Status.Unresolvable($"persistentvolumeclaim \"{claimName}\" is being deleted"));
            }

            var volumeName = claim.Spec?.VolumeName;
            if (string.IsNullOrEmpty(volumeName))
            {
                var (immediate, error) = IsImmediate(claim);
                if (error is not null)
                {
                    return (null, Status.Unresolvable(error));
                }

                unboundImmediate |= immediate;
                continue;
            }

            var pv = _volumes.Get(null, volumeName);
            if (pv is null)
            {
                missingVolume = true;
            }
            else if (pv.Spec?.NodeAffinity?.Required is { } required)
            {
                affinities.Add(new RequiredNodeSelector(required));
            }
        }

        if (!hasClaims)
        {
            return (null, Status.Skip);
        }

        if (unboundImmediate)
        {
            return (null, Status.Unresolvable(ReasonUnboundImmediate));
        }

        state.Write(PreFilterKey, new VolumeBindingPreFilterState(affinities, missingVolume));
        return (null, Status.Success);
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo node)
    {
        if (state.Read<VolumeBindingPreFilterState>(PreFilterKey) is not { } s)
        {
            return Status.Success;
        }

        if (s.MissingVolume)
        {
            return s_reasonVolumeMissingStatus;
        }

        if (node.Node is null)
        {
            return Status.Error("node not found");
        }

        foreach (var affinity in s.VolumeAffinities)
        {
            if (!affinity.Matches(node))
            {
                return s_reasonNodeConflictStatus;
            }
        }

        return Status.Success;
    }

    private (bool Immediate, string? Error) IsImmediate(V1PersistentVolumeClaim claim)
    {
        var className = claim.Spec?.StorageClassName;
        if (string.IsNullOrEmpty(className) || _classes is null)
        {
            return (true, null);
        }

        var storageClass = _classes.Get(null, className);
        if (storageClass is null)
        {
            return (false, $"storageclass.storage.k8s.io \"{className}\" not found");
        }

        return (storageClass.VolumeBindingMode != "WaitForFirstConsumer", null);
    }
}
