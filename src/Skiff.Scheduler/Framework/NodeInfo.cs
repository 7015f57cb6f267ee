using k8s.Models;

namespace Skiff.Scheduler.Framework;

/// <summary>
/// A node and the pods counted against it (bound or assumed). The scheduler cache owns these; a cycle reads a
/// snapshot copy, so plugins never see one change under them. <see cref="Generation"/> grows on every change, which
/// lets the snapshot copy only nodes that changed.
/// </summary>
public sealed class NodeInfo
{
    private static long s_generation;

    private Dictionary<string, ImageStateSummary>? _imageStates;
    private FitCounts _counts;

    public NodeInfo(V1Node? node = null)
    {
        Requested = new Resource();
        NonZeroRequested = new Resource();
        Allocatable = new Resource();
        Pods = [];
        PodsWithAffinity = [];
        PodsWithRequiredAntiAffinity = [];
        UsedPorts = [];
        SetNode(node);
    }

    private NodeInfo(NodeInfo source)
    {
        Node = source.Node;
        Name = source.Name;
        Unschedulable = source.Unschedulable;
        BlockingTaints = source.BlockingTaints;
        PreferNoScheduleTaints = source.PreferNoScheduleTaints;
        Labels = source.Labels;
        Allocatable = source.Allocatable;
        Requested = source.Requested.Clone();
        NonZeroRequested = source.NonZeroRequested.Clone();
        Pods = new List<PodInfo>(source.Pods);
        PodsWithAffinity = source.PodsWithAffinity.Count == 0 ? [] : new List<PodInfo>(source.PodsWithAffinity);
        PodsWithRequiredAntiAffinity = source.PodsWithRequiredAntiAffinity.Count == 0 ? [] : new List<PodInfo>(source.PodsWithRequiredAntiAffinity);
        UsedPorts = source.UsedPorts.Count == 0 ? [] : new HashSet<HostPort>(source.UsedPorts);
        _counts = source._counts;
        PodsWithScoringAffinity = source.PodsWithScoringAffinity;
        Generation = source.Generation;
    }

    public V1Node? Node { get; private set; }

    /// <summary>metadata.name, or empty without a node; captured with the node as every filter and score reads it.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>spec.unschedulable, captured with the node.</summary>
    public bool Unschedulable { get; private set; }

    /// <summary>The node's NoSchedule and NoExecute taints, in the node's order (TaintToleration's filter).</summary>
    public V1Taint[] BlockingTaints { get; private set; } = [];

    /// <summary>The node's PreferNoSchedule taints, in the node's order (TaintToleration's score).</summary>
    public V1Taint[] PreferNoScheduleTaints { get; private set; } = [];

    /// <summary>metadata.labels, captured with the node (null without labels).</summary>
    public IDictionary<string, string>? Labels { get; private set; }

    public List<PodInfo> Pods { get; }

    public List<PodInfo> PodsWithAffinity { get; }

    public List<PodInfo> PodsWithRequiredAntiAffinity { get; }

    /// <summary>How many of <see cref="PodsWithAffinity"/> have terms that score other pods (<see cref="PodInfo.HasScoringAffinity"/>).</summary>
    public int PodsWithScoringAffinity { get; private set; }

    public HashSet<HostPort> UsedPorts { get; }

    public Resource Requested { get; private set; }

    public Resource NonZeroRequested { get; private set; }

    public Resource Allocatable { get; private set; }

    /// <summary>Images on this node by every name they are known by (as upstream's ImageStates); made on first use.</summary>
    public Dictionary<string, ImageStateSummary> ImageStates => _imageStates ??= new Dictionary<string, ImageStateSummary>(StringComparer.Ordinal);

    /// <summary>Whether any image is known here, answered from this object alone (most nodes' lists stay empty).</summary>
    public bool HasImages => _imageStates is { Count: > 0 };

    public long Generation { get; private set; }

    /// <summary>Pod count, allocatable and requested amounts as plain numbers, in step with the objects they copy.</summary>
    public ref readonly FitCounts Counts => ref _counts;

    /// <summary>
    /// Sets the node and captures what filters and scores read of it, so a cycle's walk over the nodes stays on
    /// this object instead of chasing the model's metadata, spec and status. The node object is never changed in
    /// place once it is here (informers hand over new objects), so the captured facts cannot go stale.
    /// </summary>
    public void SetNode(V1Node? node)
    {
        Node = node;
        Name = node?.Metadata?.Name ?? string.Empty;
        Unschedulable = node?.Spec?.Unschedulable == true;
        (BlockingTaints, PreferNoScheduleTaints) = SplitTaints(node?.Spec?.Taints);
        Labels = node?.Metadata?.Labels;
        Allocatable = Resource.From(node?.Status?.Allocatable);
        Recount();
    }

    public void AddPod(PodInfo pod)
    {
        Pods.Add(pod);
        if (pod.HasAffinity)
        {
            PodsWithAffinity.Add(pod);
            PodsWithScoringAffinity += pod.HasScoringAffinity ? 1 : 0;
        }

        if (pod.HasRequiredAntiAffinity)
        {
            PodsWithRequiredAntiAffinity.Add(pod);
        }

        Requested.Add(pod.Requests);
        NonZeroRequested.Add(pod.NonZeroRequests);
        foreach (var port in HostPorts(pod.Pod))
        {
            UsedPorts.Add(port);
        }

        Recount();
    }

    /// <summary>Removes the pod with the same uid; false when it was not counted here.</summary>
    public bool RemovePod(V1Pod pod)
    {
        var uid = pod.Metadata?.Uid;
        var index = uid is null ? -1 : IndexOf(Pods, uid);
        if (index < 0)
        {
            return false;
        }

        var removed = Pods[index];
        Pods.RemoveAt(index);
        if (removed.HasAffinity && IndexOf(PodsWithAffinity, uid!) is var withAffinity and >= 0)
        {
            PodsWithAffinity.RemoveAt(withAffinity);
            PodsWithScoringAffinity -= removed.HasScoringAffinity ? 1 : 0;
        }

        if (removed.HasRequiredAntiAffinity && IndexOf(PodsWithRequiredAntiAffinity, uid!) is var withAntiAffinity and >= 0)
        {
            PodsWithRequiredAntiAffinity.RemoveAt(withAntiAffinity);
        }

        Requested.Subtract(removed.Requests);
        NonZeroRequested.Subtract(removed.NonZeroRequests);
        if (UsedPorts.Count > 0)
        {
            foreach (var port in HostPorts(removed.Pod))
            {
                UsedPorts.Remove(port);
            }
        }

        Recount();
        return true;
    }

    public NodeInfo Clone() => Clone(withImageStates: true);

    /// <summary>
    /// A copy that counts the same pods and shares the captured node facts and Allocatable: those are only ever
    /// replaced (by <see cref="SetNode"/>), never changed in place.
    /// </summary>
    internal NodeInfo Clone(bool withImageStates)
    {
        var copy = new NodeInfo(this);
        if (withImageStates && _imageStates is not null)
        {
            foreach (var (name, state) in _imageStates)
            {
                copy.ImageStates[name] = state;
            }
        }

        return copy;
    }

    /// <summary>Host ports of regular containers and of sidecars (init containers that run as long as the pod).</summary>
    public static IEnumerable<HostPort> HostPorts(V1Pod pod)
    {
        if (pod.Spec?.InitContainers is { } inits)
        {
            foreach (var init in inits)
            {
                if (init.RestartPolicy == "Always" && init.Ports is { } ports)
                {
                    foreach (var port in ports)
                    {
                        if (port.HostPort is > 0)
                        {
                            yield return new HostPort(string.IsNullOrEmpty(port.HostIP) ? "0.0.0.0" : port.HostIP, port.Protocol ?? "TCP", port.HostPort.Value);
                        }
                    }
                }
            }
        }

        if (pod.Spec?.Containers is { } containers)
        {
            foreach (var container in containers)
            {
                if (container.Ports is { } ports)
                {
                    foreach (var port in ports)
                    {
                        if (port.HostPort is > 0)
                        {
                            yield return new HostPort(string.IsNullOrEmpty(port.HostIP) ? "0.0.0.0" : port.HostIP, port.Protocol ?? "TCP", port.HostPort.Value);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Every change goes through here: the copied counts follow the objects, and the generation moves.</summary>
    private void Recount()
    {
        _counts = FitCounts.Of(Pods.Count, Allocatable, Requested, NonZeroRequested);
        Generation = NextGeneration();
    }

    private static (V1Taint[] Blocking, V1Taint[] PreferNoSchedule) SplitTaints(IList<V1Taint>? taints)
    {
        if (taints is null || taints.Count == 0)
        {
            return ([], []);
        }

        var blocking = new List<V1Taint>();
        var prefer = new List<V1Taint>();
        foreach (var taint in taints)
        {
            if (taint.Effect is "NoSchedule" or "NoExecute")
            {
                blocking.Add(taint);
            }
            else if (taint.Effect == "PreferNoSchedule")
            {
                prefer.Add(taint);
            }
        }

        return ([.. blocking], [.. prefer]);
    }

    private static int IndexOf(List<PodInfo> pods, string uid)
    {
        for (var i = 0; i < pods.Count; i++)
        {
            if (pods[i].Uid == uid)
            {
                return i;
            }
        }

        return -1;
    }

    private static long NextGeneration() => Interlocked.Increment(ref s_generation);
}
