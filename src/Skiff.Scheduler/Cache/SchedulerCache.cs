using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Cache;

/// <summary>
/// The scheduler's view of nodes and the pods counted against them, fed by node and pod events, plus pods the
/// scheduler assumed onto a node while their binding is in flight. Thread-safe; a cycle reads it only through a
/// <see cref="Snapshot"/>.
/// </summary>
public sealed class SchedulerCache
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _assumedPodTtl;
    private readonly Func<V1Pod, int> _priority;
    private readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodState> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImageState> _images = new(StringComparer.Ordinal);

    // Nodes changed since the last snapshot update; the scheduler has one snapshot, so one dirty set suffices.
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

    /// <param name="assumedPodTtl">How long a pod whose binding finished may stay assumed without the informer confirming it.</param>
    /// <param name="priority">Resolves a pod's priority (PriorityClass) when spec.priority is unset.</param>
    public SchedulerCache(TimeProvider time, TimeSpan assumedPodTtl, Func<V1Pod, int>? priority = null)
    {
        _time = time;
        _assumedPodTtl = assumedPodTtl;
        _priority = priority ?? (pod => pod.Spec?.Priority ?? 0);
    }

    public int NodeCount
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Values.Count(n => n.Node is not null);
            }
        }
    }

    public int PodCount
    {
        get
        {
            lock (_lock)
            {
                return _pods.Count;
            }
        }
    }

    public PodInfo NewPodInfo(V1Pod pod) => new(pod) { Priority = _priority(pod) };

    public void AddNode(V1Node node)
    {
        lock (_lock)
        {
            var name = node.Metadata.Name;
            if (!_nodes.TryGetValue(name, out var info))
            {
                info = new NodeInfo();
                _nodes[name] = info;
            }
            else
            {
                RemoveImages(name, info.Node);
            }

            info.SetNode(node);
            AddImages(name, node);
            _dirty.Add(name);
        }
    }

    public void UpdateNode(V1Node node) => AddNode(node);

    /// <summary>A node with pods still counted stays as a placeholder until they go, as upstream.</summary>
    public void RemoveNode(V1Node node)
    {
        lock (_lock)
        {
            var name = node.Metadata.Name;
            if (!_nodes.TryGetValue(name, out var info))
            {
                return;
            }

            RemoveImages(name, info.Node);
            if (info.Pods.Count == 0)
            {
                _nodes.Remove(name);
            }
            else
            {
                info.SetNode(null);
            }

            _dirty.Add(name);
        }
    }

    /// <summary>Counts a pod on the node it is about to be bound to (its spec.nodeName must be set).</summary>
    public void AssumePod(V1Pod pod) => AssumePod(NewPodInfo(pod));

    /// <inheritdoc cref="AssumePod(V1Pod)"/>
    public void AssumePod(PodInfo info)
    {
        var pod = info.Pod;
        lock (_lock)
        {
            var uid = pod.Metadata.Uid;
            if (_pods.ContainsKey(uid))
            {
                throw new InvalidOperationException($"pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} is in the cache, so can't be assumed");
            }

            var state = new PodState(info, pod.Spec.NodeName) { Assumed = true };
            _pods[uid] = state;
            AddToNode(state);
        }
    }

    /// <summary>The binding call returned: from now on the assumption expires if the informer never confirms it.</summary>
    public void FinishBinding(V1Pod pod)
    {
        lock (_lock)
        {
            if (_pods.TryGetValue(pod.Metadata.Uid, out var state) && state.Assumed)
            {
                state.Deadline = _time.GetUtcNow() + _assumedPodTtl;
            }
        }
    }

    /// <summary>Drops an assumed pod whose binding failed.</summary>
    public void ForgetPod(V1Pod pod)
    {
        lock (_lock)
        {
            if (_pods.TryGetValue(pod.Metadata.Uid, out var state) && state.Assumed)
            {
                RemoveFromNode(state);
                _pods.Remove(pod.Metadata.Uid);
            }
        }
    }

    public bool IsAssumed(V1Pod pod)
    {
        lock (_lock)
        {
            return _pods.TryGetValue(pod.Metadata.Uid, out var state) && state.Assumed;
        }
    }

    /// <summary>A pod with a node (from the informer): confirms an assumed pod, or counts a new one.</summary>
    public void AddPod(V1Pod pod)
    {
        lock (_lock)
        {
            var uid = pod.Metadata.Uid;
            if (_pods.TryGetValue(uid, out var state))
            {
                // Confirmed; the informer's copy is the truth even if it landed elsewhere than assumed.
                RemoveFromNode(state);
                state.Pod = NewPodInfo(pod);
                state.NodeName = pod.Spec.NodeName;
                state.Assumed = false;
                state.Deadline = null;
                AddToNode(state);
                return;
            }

            state = new PodState(NewPodInfo(pod), pod.Spec.NodeName);
            _pods[uid] = state;
            AddToNode(state);
        }
    }

    public void UpdatePod(V1Pod pod) => AddPod(pod);

    public void RemovePod(V1Pod pod)
    {
        lock (_lock)
        {
            if (_pods.Remove(pod.Metadata.Uid, out var state))
            {
                RemoveFromNode(state);
            }
        }
    }

    /// <summary>Drops assumed pods whose binding finished longer than the TTL ago without confirmation.</summary>
    public int CleanupExpiredAssumedPods()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var expired = _pods.Where(kv => kv.Value.Assumed && kv.Value.Deadline is { } d && d <= now).ToList();
            foreach (var (uid, state) in expired)
            {
                RemoveFromNode(state);
                _pods.Remove(uid);
            }

            return expired.Count;
        }
    }

    /// <summary>
    /// Brings the snapshot up to date, copying only the nodes changed since the last update; the node lists are
    /// rebuilt only when nodes come or go, the affinity lists only when a changed node had or has affinity pods.
    /// </summary>
    public void UpdateSnapshot(Snapshot snapshot)
    {
        lock (_lock)
        {
            var rebuildAll = false;
            var rebuildAffinity = false;
            var copied = 0;
            foreach (var name in _dirty)
            {
                var existing = snapshot.Map.GetValueOrDefault(name);
                if (!_nodes.TryGetValue(name, out var info) || info.Node is null)
                {
                    if (existing is not null)
                    {
                        snapshot.PodIndex.Remove(existing);
                    }

                    rebuildAll |= snapshot.Map.Remove(name);
                    continue;
                }

                if (existing is not null && existing.Generation == info.Generation)
                {
                    continue;
                }

                var copy = CopyWithImages(info);
                copied++;
                snapshot.Map[name] = copy;
                if (existing is not null)
                {
                    snapshot.PodIndex.Remove(existing);
                }

                snapshot.PodIndex.Add(copy);
                rebuildAffinity |= HasAffinity(existing) || HasAffinity(copy);
                if (existing is null || !snapshot.ReplaceInList(copy))
                {
                    rebuildAll = true;
                }
            }

            _dirty.Clear();
            snapshot.LastUpdateCopied = copied;
            if (rebuildAll)
            {
                snapshot.RebuildLists();
            }
            else if (rebuildAffinity)
            {
                snapshot.RebuildAffinityLists();
            }
        }
    }

    private static bool HasAffinity(NodeInfo? node) =>
        node is not null && (node.PodsWithAffinity.Count > 0 || node.PodsWithRequiredAntiAffinity.Count > 0);

    private NodeInfo CopyWithImages(NodeInfo info)
    {
        var copy = info.Clone(withImageStates: false);
        foreach (var image in info.Node?.Status?.Images ?? [])
        {
            foreach (var name in image.Names ?? [])
            {
                if (_images.TryGetValue(name, out var state))
                {
                    copy.ImageStates[name] = new ImageStateSummary(state.SizeBytes, state.Nodes.Count);
                }
            }
        }

        return copy;
    }

    private void AddToNode(PodState state)
    {
        if (!_nodes.TryGetValue(state.NodeName, out var info))
        {
            // A pod bound to a node we have not seen yet (informers race); the node fills in later.
            info = new NodeInfo();
            _nodes[state.NodeName] = info;
        }

        info.AddPod(state.Pod);
        _dirty.Add(state.NodeName);
    }

    private void RemoveFromNode(PodState state)
    {
        if (!_nodes.TryGetValue(state.NodeName, out var info))
        {
            return;
        }

        info.RemovePod(state.Pod.Pod);
        if (info.Node is null && info.Pods.Count == 0)
        {
            _nodes.Remove(state.NodeName);
        }

        _dirty.Add(state.NodeName);
    }

    private void AddImages(string nodeName, V1Node node)
    {
        foreach (var image in node.Status?.Images ?? [])
        {
            foreach (var name in image.Names ?? [])
            {
                if (!_images.TryGetValue(name, out var state))
                {
                    state = new ImageState(image.SizeBytes ?? 0);
                    _images[name] = state;
                }

                state.SizeBytes = image.SizeBytes ?? 0;
                state.Nodes.Add(nodeName);
            }
        }
    }

    private void RemoveImages(string nodeName, V1Node? node)
    {
        foreach (var image in node?.Status?.Images ?? [])
        {
            foreach (var name in image.Names ?? [])
            {
                if (_images.TryGetValue(name, out var state) && state.Nodes.Remove(nodeName) && state.Nodes.Count == 0)
                {
                    _images.Remove(name);
                }
            }
        }
    }
}
