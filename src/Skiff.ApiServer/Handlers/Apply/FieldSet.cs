using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// A set of field paths, as managedFields records what each manager owns (the <c>FieldsV1</c> encoding of
/// structured-merge-diff): a path is in the set when its last step is a member of the node its prefix leads to.
/// Immutable; operations return new sets.
/// </summary>
internal sealed class FieldSet : IEquatable<FieldSet>
{
    public static readonly FieldSet Empty = new(new SortedSet<PathElement>(), new SortedDictionary<PathElement, FieldSet>());

    private readonly SortedSet<PathElement> _members;
    private readonly SortedDictionary<PathElement, FieldSet> _children;

    private FieldSet(SortedSet<PathElement> members, SortedDictionary<PathElement, FieldSet> children)
    {
        _members = members;
        _children = children;
    }

    /// <summary>The steps from this node that are themselves in the set.</summary>
    public IReadOnlyCollection<PathElement> Members => _members;

    /// <summary>The steps from this node under which the set has deeper paths.</summary>
    public IReadOnlyDictionary<PathElement, FieldSet> Children => _children;

    public bool IsEmpty => _members.Count == 0 && _children.Count == 0;

    /// <summary>The steps of <see cref="Members"/> and <see cref="Children"/> together, each once, in order.</summary>
    public IEnumerable<PathElement> Steps()
    {
        // Both are sorted, so merging them keeps the order without a set or a sort.
        using var members = _members.GetEnumerator();
        using var children = _children.Keys.GetEnumerator();
        var hasMember = members.MoveNext();
        var hasChild = children.MoveNext();
        while (hasMember || hasChild)
        {
            var order = !hasMember ? 1 : !hasChild ? -1 : members.Current.CompareTo(children.Current);
            if (order <= 0)
            {
                yield return members.Current;
                hasMember = members.MoveNext();
                if (order == 0)
                {
                    hasChild = children.MoveNext();
                }
            }
            else
            {
                yield return children.Current;
                hasChild = children.MoveNext();
            }
        }
    }

    public static FieldSet Of(params IReadOnlyList<PathElement>[] paths)
    {
        var builder = new FieldSetBuilder();
        foreach (var path in paths)
        {
            builder.Add(path);
        }

        return builder.Build();
    }

    /// <summary>Reads a managedFields <c>fieldsV1</c> value.</summary>
    public static FieldSet Parse(JsonNode? fieldsV1) => FieldSetJson.Read(fieldsV1).Children ?? Empty;

    public static FieldSet Parse(string fieldsV1) => Parse(JsonNode.Parse(fieldsV1));

    /// <summary>The <c>fieldsV1</c> text, spelled as upstream spells it (key order, Go escaping).</summary>
    public string ToJsonString()
    {
        var builder = new StringBuilder();
        FieldSetJson.Write(builder, this, includeSelf: false);
        return builder.ToString();
    }

    /// <summary>The <c>fieldsV1</c> value as a JSON object, with the keys of <see cref="ToJsonString"/> in its order.</summary>
    public JsonObject ToJson() => FieldSetJson.ToNode(this, includeSelf: false);

    public override string ToString() => ToJsonString();

    public FieldSet Insert(params IReadOnlyList<PathElement>[] paths)
    {
        var result = this;
        foreach (var path in paths)
        {
            result = result.InsertOne(path, 0);
        }

        return result;
    }

    /// <summary>Whether the path itself is in the set (a prefix of a member is not).</summary>
    public bool Has(IReadOnlyList<PathElement> path)
    {
        if (path.Count == 0)
        {
            return false;
        }

        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!node._children.TryGetValue(path[i], out node))
            {
                return false;
            }
        }

        return node._members.Contains(path[^1]);
    }

    /// <summary>Every path in the set, in serialization order.</summary>
    public IEnumerable<IReadOnlyList<PathElement>> Paths() => PathsUnder([]);

    public FieldSet Union(FieldSet other)
    {
        // Sets are immutable, so a union with nothing is the other set itself: most writes change nothing an
        // entry owns.
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        // Where both sets hold equal steps spelled differently (2 and 2.0), upstream keeps the other set's member
        // and this set's child.
        var members = new SortedSet<PathElement>(other._members);
        foreach (var member in _members)
        {
            members.Add(member);
        }

        var children = new SortedDictionary<PathElement, FieldSet>();
        foreach (var (step, set) in _children)
        {
            children[step] = other._children.TryGetValue(step, out var theirs) ? set.Union(theirs) : set;
        }

        foreach (var (step, set) in other._children)
        {
            children.TryAdd(step, set);
        }

        return new FieldSet(members, children);
    }

    public FieldSet Intersection(FieldSet other)
    {
        var members = new SortedSet<PathElement>(_members.Where(other._members.Contains));
        var children = new SortedDictionary<PathElement, FieldSet>();
        foreach (var (step, set) in _children)
        {
            if (other._children.TryGetValue(step, out var theirs) && set.Intersection(theirs) is { IsEmpty: false } both)
            {
                children[step] = both;
            }
        }

        return new FieldSet(members, children);
    }

    /// <summary>The paths of this set that are not in <paramref name="other"/>; deeper paths of a removed member stay.</summary>
    public FieldSet Difference(FieldSet other) => Subtract(other, recursive: false);

    /// <summary>
    /// The paths of this set that are neither in <paramref name="other"/> nor below one of its members: removing
    /// <c>a.b</c> also removes <c>a.b.c</c>.
    /// </summary>
    public FieldSet RecursiveDifference(FieldSet other) => Subtract(other, recursive: true);

    public bool Equals(FieldSet? other) =>
        other is not null
        && _members.SetEquals(other._members)
        && _children.Count == other._children.Count
        && _children.All(c => other._children.TryGetValue(c.Key, out var theirs) && c.Value.Equals(theirs));

    public override bool Equals(object? obj) => obj is FieldSet other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_members.Count, _children.Count);

    internal static FieldSet Create(SortedSet<PathElement> members, SortedDictionary<PathElement, FieldSet> children) =>
        new(members, children);

    private FieldSet Subtract(FieldSet other, bool recursive)
    {
        if (other.IsEmpty || IsEmpty)
        {
            return this;
        }

        var members = new SortedSet<PathElement>(_members.Where(m => !other._members.Contains(m)));
        var children = new SortedDictionary<PathElement, FieldSet>();
        foreach (var (step, set) in _children)
        {
            if (recursive && other._members.Contains(step))
            {
                continue;
            }

            if (!other._children.TryGetValue(step, out var theirs))
            {
                children[step] = set;
            }
            else if (set.Subtract(theirs, recursive) is { IsEmpty: false } rest)
            {
                children[step] = rest;
            }
        }

        return new FieldSet(members, children);
    }

    private FieldSet InsertOne(IReadOnlyList<PathElement> path, int at)
    {
        if (path.Count == 0)
        {
            return this;
        }

        if (at == path.Count - 1)
        {
            var members = new SortedSet<PathElement>(_members) { path[at] };
            return new FieldSet(members, _children);
        }

        var children = new SortedDictionary<PathElement, FieldSet>(_children);
        var child = children.TryGetValue(path[at], out var existing) ? existing : Empty;
        children[path[at]] = child.InsertOne(path, at + 1);
        return new FieldSet(_members, children);
    }

    private IEnumerable<IReadOnlyList<PathElement>> PathsUnder(List<PathElement> prefix)
    {
        foreach (var step in Steps())
        {
            var path = new List<PathElement>(prefix) { step };
            if (_members.Contains(step))
            {
                yield return path;
            }

            if (_children.TryGetValue(step, out var child))
            {
                foreach (var deeper in child.PathsUnder(path))
                {
                    yield return deeper;
                }
            }
        }
    }
}
