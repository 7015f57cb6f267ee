namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// Collects paths into one <see cref="FieldSet"/> in place: steps are appended as they come (a walk of an object
/// visits each once) and sorted once per node when the set is built, where equal steps are merged.
/// </summary>
internal sealed class FieldSetBuilder
{
    private readonly List<PathElement> _members = [];
    private readonly List<(PathElement Step, FieldSetBuilder Builder)> _children = [];

    public bool IsEmpty => _members.Count == 0 && _children.Count == 0;

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
            node = node.Child(path[i]);
        }

        node.AddMember(path[^1]);
    }

    public void AddMember(PathElement step) => _members.Add(step);

    /// <summary>The node below <paramref name="step"/>; paths added there are paths through the step.</summary>
    public FieldSetBuilder Child(PathElement step)
    {
        var child = new FieldSetBuilder();
        _children.Add((step, child));
        return child;
    }

    public FieldSet Build()
    {
        if (IsEmpty)
        {
            return FieldSet.Empty;
        }

        SortedSteps.SortDistinct(_members, static s => s);
        MergeEqualChildren();
        var steps = new PathElement[_children.Count];
        var sets = new FieldSet[_children.Count];
        var count = 0;
        foreach (var (step, child) in _children)
        {
            // A step may have been entered without a path added below it.
            if (child.Build() is { IsEmpty: false } set)
            {
                steps[count] = step;
                sets[count++] = set;
            }
        }

        if (count < steps.Length)
        {
            Array.Resize(ref steps, count);
            Array.Resize(ref sets, count);
        }

        return _members.Count == 0 && count == 0 ? FieldSet.Empty : new FieldSet([.. _members], steps, sets);
    }

    private void MergeEqualChildren()
    {
        if (_children.Count < 2)
        {
            return;
        }

        // Remember each child's first builder before dropping the later equal ones, whose paths move into it.
        var all = _children.ToArray();
        SortedSteps.SortDistinct(_children, c => c.Step);
        if (all.Length == _children.Count)
        {
            return;
        }

        var kept = new HashSet<FieldSetBuilder>(_children.Select(c => c.Builder), ReferenceEqualityComparer.Instance);
        foreach (var (step, builder) in all)
        {
            if (kept.Contains(builder))
            {
                continue;
            }

            var into = _children[FindKept(step)].Builder;
            into._members.AddRange(builder._members);
            into._children.AddRange(builder._children);
        }
    }

    private int FindKept(PathElement step)
    {
        for (var i = 0; i < _children.Count; i++)
        {
            if (_children[i].Step.CompareTo(step) == 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("a merged step has no kept child");
    }
}
