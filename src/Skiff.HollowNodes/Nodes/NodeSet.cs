namespace Skiff.HollowNodes.Nodes;

/// <summary>The hollow nodes this process runs, by index and by name.</summary>
internal sealed class NodeSet
{
    private readonly HollowNode[] _nodes;
    private readonly Dictionary<string, int> _byName;

    public NodeSet(NodeBuilder builder, int count)
    {
        _nodes = [.. Enumerable.Range(0, count).Select(i => new HollowNode(i, builder.Name(i)))];
        _byName = _nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
    }

    public int Count => _nodes.Length;

    public HollowNode this[int index] => _nodes[index];

    public IEnumerable<HollowNode> All => _nodes;

    public HollowNode? Find(string? name) => name is not null && _byName.TryGetValue(name, out var i) ? _nodes[i] : null;
}
