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

    public NodeInfo(V1Node? node = null)
    {
        SetNode(node);
    }

    private NodeInfo(NodeInfo source)
    {
        Node = source.Node;
        Allocatable = source.Allocatable;
        Requested = source.Requested.Clone();
        NonZeroRequested = source.NonZeroRequested.Clone();
        Generation = source.Generation;
        Pods.AddRange(source.Pods);
        PodsWithAffinity.AddRange(source.PodsWithAffinity);
        PodsWithRequiredAntiAffinity.AddRange(source.PodsWithRequiredAntiAffinity);
        UsedPorts.UnionWith(source.UsedPorts);
    }

    public V1Node? Node { get; private set; }

    public string Name => Node?.Metadata?.Name ?? string.Empty;

    public List<PodInfo> Pods { get; } = [];

    public List<PodInfo> PodsWithAffinity { get; } = [];

    public List<PodInfo> PodsWithRequiredAntiAffinity { get; } = [];

    public HashSet<HostPort> UsedPorts { get; } = [];

    public Resource Requested { get; private set; } = new();

    public Resource NonZeroRequested { get; private set; } = new();

    public Resource Allocatable { get; private set; } = new();

    /// <summary>Images on this node by every name they are known by (as upstream's ImageStates).</summary>
    public Dictionary<string, ImageStateSummary> ImageStates { get; } = new(StringComparer.Ordinal);

    public long Generation { get; private set; } = NextGeneration();

    public void SetNode(V1Node? node)
    {
        Node = node;
        Allocatable = Resource.From(node?.Status?.Allocatable);
        Generation = NextGeneration();
    }

    public void AddPod(PodInfo pod)
    {
        Pods.Add(pod);
        if (pod.HasAffinity)
        {
            PodsWithAffinity.Add(pod);
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

        Generation = NextGeneration();
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

        Generation = NextGeneration();
        return true;
    }

    public NodeInfo Clone() => Clone(withImageStates: true);

    /// <summary>
    /// A copy that counts the same pods. Allocatable is shared rather than parsed again: it is only ever replaced
    /// (by <see cref="SetNode"/>), never changed in place.
    /// </summary>
    internal NodeInfo Clone(bool withImageStates)
    {
        var copy = new NodeInfo(this);
        if (withImageStates)
        {
            foreach (var (name, state) in ImageStates)
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
