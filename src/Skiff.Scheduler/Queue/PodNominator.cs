using k8s.Models;
using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Queue;

/// <summary>Which pods preemption nominated to which node, until they are bound or deleted.</summary>
public sealed class PodNominator : IPodNominator
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<PodInfo>> _byNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nodeByUid = new(StringComparer.Ordinal);

    // Filters ask once per node per cycle from many threads; with nobody nominated (the usual case) skip the lock.
    private int _count;

    public bool HasNominatedPods => Volatile.Read(ref _count) > 0;

    public void AddNominatedPod(PodInfo pod, string nodeName)
    {
        lock (_lock)
        {
            RemoveLocked(pod.Uid);
            if (string.IsNullOrEmpty(nodeName))
            {
                return;
            }

            _nodeByUid[pod.Uid] = nodeName;
            if (!_byNode.TryGetValue(nodeName, out var pods))
            {
                pods = [];
                _byNode[nodeName] = pods;
            }

            pods.Add(pod);
            Volatile.Write(ref _count, _nodeByUid.Count);
        }
    }

    public void DeleteNominatedPodIfExists(V1Pod pod)
    {
        lock (_lock)
        {
            RemoveLocked(pod.Metadata?.Uid ?? string.Empty);
        }
    }

    public string? NominatedNodeFor(string uid)
    {
        lock (_lock)
        {
            return _nodeByUid.GetValueOrDefault(uid);
        }
    }

    public IReadOnlyList<PodInfo> NominatedPodsForNode(string nodeName)
    {
        if (Volatile.Read(ref _count) == 0)
        {
            return [];
        }

        lock (_lock)
        {
            return _byNode.TryGetValue(nodeName, out var pods) ? [.. pods] : [];
        }
    }

    private void RemoveLocked(string uid)
    {
        if (!_nodeByUid.Remove(uid, out var node))
        {
            return;
        }

        var pods = _byNode[node];
        pods.RemoveAll(p => p.Uid == uid);
        if (pods.Count == 0)
        {
            _byNode.Remove(node);
        }

        Volatile.Write(ref _count, _nodeByUid.Count);
    }
}
