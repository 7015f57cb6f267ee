using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// What Filter needs per node, counted once per cycle: domains holding pods whose required anti-affinity rejects the
/// incoming pod, and domains holding pods that match the incoming pod's required affinity / anti-affinity terms.
/// </summary>
internal sealed class InterPodAffinityPreFilterState(
    IncomingPod pod,
    IReadOnlyDictionary<string, string> namespaceLabels,
    TopologyCounts existingAntiAffinity,
    TopologyCounts affinity,
    TopologyCounts antiAffinity) : ICloneable
{
    public IncomingPod Pod => pod;

    public IReadOnlyDictionary<string, string> NamespaceLabels => namespaceLabels;

    public TopologyCounts ExistingAntiAffinity => existingAntiAffinity;

    public TopologyCounts Affinity => affinity;

    public TopologyCounts AntiAffinity => antiAffinity;

    /// <summary>Preemption changes counts on a copy of the state.</summary>
    public object Clone() => new InterPodAffinityPreFilterState(pod, namespaceLabels, existingAntiAffinity.Clone(), affinity.Clone(), antiAffinity.Clone());

    public void Update(PodInfo other, NodeInfo node, long delta)
    {
        if (node.Node is null)
        {
            return;
        }

        existingAntiAffinity.AddAntiAffinity(other.Affinity.RequiredAntiAffinity, pod.Pod, namespaceLabels, node.Node, delta);
        affinity.AddAffinity(pod.Terms.RequiredAffinity, other, node.Node, delta);
        antiAffinity.AddAntiAffinity(pod.Terms.RequiredAntiAffinity, other, node.Node, delta);
    }
}
