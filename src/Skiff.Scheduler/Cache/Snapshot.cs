using Skiff.Scheduler.Framework;

namespace Skiff.Scheduler.Cache;

/// <summary>
/// The nodes one scheduling cycle sees: private copies of the cache's NodeInfos, refreshed between cycles by
/// <see cref="SchedulerCache.UpdateSnapshot"/>, which copies only the nodes that changed.
/// </summary>
public sealed class Snapshot : INodeInfoLister
{
    private readonly Dictionary<string, NodeInfo> _map = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _listIndex = new(StringComparer.Ordinal);
    private List<NodeInfo> _list = [];
    private List<NodeInfo> _withAffinity = [];
    private List<NodeInfo> _withRequiredAntiAffinity = [];

    /// <summary>How many NodeInfos the last update copied (what incrementality saves is visible here).</summary>
    public int LastUpdateCopied { get; internal set; }

    public int Count => _list.Count;

    public PodIndex PodIndex { get; } = new();

    /// <summary>A snapshot over given nodes, for plugin tests.</summary>
    public static Snapshot From(IEnumerable<NodeInfo> nodes)
    {
        var snapshot = new Snapshot();
        foreach (var node in nodes)
        {
            if (snapshot._map.TryGetValue(node.Name, out var replaced))
            {
                snapshot.PodIndex.Remove(replaced);
            }

            snapshot._map[node.Name] = node;
            snapshot.PodIndex.Add(node);
        }

        snapshot.RebuildLists();
        return snapshot;
    }

    public IReadOnlyList<NodeInfo> List() => _list;

    public IReadOnlyList<NodeInfo> HavePodsWithAffinityList() => _withAffinity;

    public IReadOnlyList<NodeInfo> HavePodsWithRequiredAntiAffinityList() => _withRequiredAntiAffinity;

    public NodeInfo? Get(string nodeName) => _map.GetValueOrDefault(nodeName);

    internal Dictionary<string, NodeInfo> Map => _map;

    /// <summary>Replaces a node's copy in place in the node list; false when the node is new to the snapshot.</summary>
    internal bool ReplaceInList(NodeInfo copy)
    {
        if (!_listIndex.TryGetValue(copy.Name, out var index))
        {
            return false;
        }

        _list[index] = copy;
        return true;
    }

    internal void RebuildLists()
    {
        // Upstream keeps its node list in the cache's tree order (zones interleaved); a stable name order keeps
        // the feasible-node search rotating over the same sequence.
        _list = [.. _map.Values.OrderBy(n => n.Name, StringComparer.Ordinal)];
        _listIndex.Clear();
        for (var i = 0; i < _list.Count; i++)
        {
            _listIndex[_list[i].Name] = i;
        }

        RebuildAffinityLists();
    }

    internal void RebuildAffinityLists()
    {
        _withAffinity = [.. _list.Where(n => n.PodsWithAffinity.Count > 0)];
        _withRequiredAntiAffinity = [.. _list.Where(n => n.PodsWithRequiredAntiAffinity.Count > 0)];
    }
}
