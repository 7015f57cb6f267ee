using Skiff.Scheduler.Plugins.Shared;

namespace Skiff.Scheduler.Plugins.VolumeBinding;

/// <summary>Node affinity of the PersistentVolumes the pod's claims are bound to, and whether a bound volume is missing.</summary>
internal sealed record VolumeBindingPreFilterState(IReadOnlyList<RequiredNodeSelector> VolumeAffinities, bool MissingVolume);
