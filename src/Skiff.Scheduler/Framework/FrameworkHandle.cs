using k8s;
using Skiff.Client.Informers;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// What a plugin factory may keep: the snapshot lister of the running cycle and, in a live scheduler, the API client
/// and shared informers (for listers of Services, ReplicaSets, PVCs...). Unit tests set only what they need.
/// </summary>
public sealed class FrameworkHandle
{
    public required INodeInfoLister Snapshot { get; init; }

    public ISharedInformerFactory? Informers { get; init; }

    public IKubernetes? Client { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The profile's schedulerName.</summary>
    public string ProfileName { get; init; } = "default-scheduler";

    /// <summary>The framework of the profile, set once it is built (preemption re-runs filters through it).</summary>
    public Profile? Profile { get; set; }

    /// <summary>Pods nominated to nodes by preemption, not yet bound; filters count them on their nodes.</summary>
    public IPodNominator? Nominator { get; init; }
}
