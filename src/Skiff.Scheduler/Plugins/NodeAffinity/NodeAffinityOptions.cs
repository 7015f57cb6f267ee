using k8s.Models;

namespace Skiff.Scheduler.Plugins.NodeAffinity;

/// <summary>NodeAffinityArgs: node affinity the scheduler adds to every pod of its profile (none by default).</summary>
internal sealed record NodeAffinityOptions(V1NodeAffinity? AddedAffinity = null);
