namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// Collects many paths into one <see cref="FieldSet"/> in place. Inserting them one by one into the immutable set
/// copied every node on each path's way down, which made building the field set of a whole pod quadratic and was
/// the largest allocation site of a write.
/// </summary>
internal sealed class FieldSetBuilder
{
    private readonly SortedSet<PathElement> _members = [];
    private readonly SortedDictionary<PathElement, FieldSetBuilder> _children = [];

    /// <summary>Adds a path; of two equal steps spelled differently (2 and 2.0) the first one added stays.</summary>
    public void Add(IReadOnlyList<PathElement> path)
    {
        if (path.Count == 0)
        {
            return;
        }

        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!node._children.TryGetValue(path[i], out var child))
            {
                child = new FieldSetBuilder();
                node._children.Add(path[i], child);
            }

            node = child;
        }

        node._members.Add(path[^1]);
    }

    public FieldSet Build()
    {
        if (_members.Count == 0 && _children.Count == 0)
        {
            return FieldSet.Empty;
        }

        var children = new SortedDictionary<PathElement, FieldSet>();
        foreach (var (step, child) in _children)
        {
            children.Add(step, child.Build());
        }

        return FieldSet.Create(_members, children);
    }
}
