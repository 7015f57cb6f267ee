using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// A set of field paths, as managedFields records what each manager owns (the <c>FieldsV1</c> encoding of
/// structured-merge-diff): a path is in the set when its last step is a member of the node its prefix leads to.
/// Immutable; operations return new sets.
/// </summary>
/// <remarks>
/// Each node is two sorted arrays (its members, its children's steps with their sets beside them), built once:
/// every write of an object builds, compares and unites these sets, and sorted sets and dictionaries per node cost
/// more to build and walk than the rest of the bookkeeping. Unions and differences merge the arrays in one pass.
/// </remarks>
internal sealed class FieldSet : IEquatable<FieldSet>
{
    public static readonly FieldSet Empty = new([], [], []);

    private readonly PathElement[] _members;
    private readonly PathElement[] _childSteps;
    private readonly FieldSet[] _childSets;

    /// <summary>Takes the arrays as they are: both step arrays sorted and without duplicates, no child set empty.</summary>
    internal FieldSet(PathElement[] members, PathElement[] childSteps, FieldSet[] childSets)
    {
        _members = members;
        _childSteps = childSteps;
        _childSets = childSets;
    }

    /// <summary>The steps from this node that are themselves in the set, in order.</summary>
    public IReadOnlyList<PathElement> Members => _members;

    /// <summary>The steps from this node under which the set has deeper paths, with those deeper sets, in order.</summary>
    public IEnumerable<(PathElement Step, FieldSet Set)> Children
    {
        get
        {
            for (var i = 0; i < _childSteps.Length; i++)
            {
                yield return (_childSteps[i], _childSets[i]);
            }
        }
    }

    public bool IsEmpty => _members.Length == 0 && _childSteps.Length == 0;

    public bool HasMember(PathElement step) => Find(_members, step) >= 0;

    public bool HasChild(PathElement step) => Find(_childSteps, step) >= 0;

    public bool TryGetChild(PathElement step, out FieldSet child)
    {
        var at = Find(_childSteps, step);
        child = at >= 0 ? _childSets[at] : Empty;
        return at >= 0;
    }

    /// <summary>The steps of <see cref="Members"/> and <see cref="Children"/> together, each once, in order.</summary>
    public IEnumerable<PathElement> Steps()
    {
        var m = 0;
        var c = 0;
        while (m < _members.Length || c < _childSteps.Length)
        {
            var order = m == _members.Length ? 1 : c == _childSteps.Length ? -1 : _members[m].CompareTo(_childSteps[c]);
            if (order <= 0)
            {
                yield return _members[m++];
                if (order == 0)
                {
                    c++;
                }
            }
            else
            {
                yield return _childSteps[c++];
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

    public FieldSet Insert(params IReadOnlyList<PathElement>[] paths) => Union(Of(paths));

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
            if (!node.TryGetChild(path[i], out node))
            {
                return false;
            }
        }

        return node.HasMember(path[^1]);
    }

    /// <summary>Every path in the set, in serialization order.</summary>
    public IEnumerable<IReadOnlyList<PathElement>> Paths() => PathsUnder([]);

    public FieldSet Union(FieldSet other)
    {
        // Sets are immutable, so a union with nothing is the other set itself: most writes change nothing an
        // entry owns.
        if (other.IsEmpty || ReferenceEquals(this, other))
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        // Where both sets hold equal steps spelled differently (2 and 2.0), upstream keeps the other set's member
        // and this set's child.
        var members = SortedSteps.Union(other._members, _members);
        var steps = new List<PathElement>(Math.Max(_childSteps.Length, other._childSteps.Length));
        var sets = new List<FieldSet>(steps.Capacity);
        int i = 0, j = 0;
        while (i < _childSteps.Length || j < other._childSteps.Length)
        {
            var order = i == _childSteps.Length ? 1 : j == other._childSteps.Length ? -1 : _childSteps[i].CompareTo(other._childSteps[j]);
            if (order < 0)
            {
                steps.Add(_childSteps[i]);
                sets.Add(_childSets[i++]);
            }
            else if (order > 0)
            {
                steps.Add(other._childSteps[j]);
                sets.Add(other._childSets[j++]);
            }
            else
            {
                steps.Add(_childSteps[i]);
                sets.Add(_childSets[i++].Union(other._childSets[j++]));
            }
        }

        return new FieldSet(members, [.. steps], [.. sets]);
    }

    public FieldSet Intersection(FieldSet other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return Empty;
        }

        var members = SortedSteps.Intersection(_members, other._members);
        List<PathElement>? steps = null;
        List<FieldSet>? sets = null;
        int i = 0, j = 0;
        while (i < _childSteps.Length && j < other._childSteps.Length)
        {
            var order = _childSteps[i].CompareTo(other._childSteps[j]);
            if (order < 0)
            {
                i++;
            }
            else if (order > 0)
            {
                j++;
            }
            else
            {
                if (_childSets[i].Intersection(other._childSets[j]) is { IsEmpty: false } both)
                {
                    (steps ??= []).Add(_childSteps[i]);
                    (sets ??= []).Add(both);
                }

                i++;
                j++;
            }
        }

        return Create(members, steps, sets);
    }

    /// <summary>The paths of this set that are not in <paramref name="other"/>; deeper paths of a removed member stay.</summary>
    public FieldSet Difference(FieldSet other) => Subtract(other, recursive: false);

    /// <summary>
    /// The paths of this set that are neither in <paramref name="other"/> nor below one of its members: removing
    /// <c>a.b</c> also removes <c>a.b.c</c>.
    /// </summary>
    public FieldSet RecursiveDifference(FieldSet other) => Subtract(other, recursive: true);

    public bool Equals(FieldSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || !SortedSteps.SameSteps(_members, other._members) || !SortedSteps.SameSteps(_childSteps, other._childSteps))
        {
            return false;
        }

        for (var i = 0; i < _childSets.Length; i++)
        {
            if (!_childSets[i].Equals(other._childSets[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is FieldSet other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_members.Length, _childSteps.Length);

    private static FieldSet Create(PathElement[] members, List<PathElement>? steps, List<FieldSet>? sets) =>
        members.Length == 0 && steps is null ? Empty : new FieldSet(members, steps is null ? [] : [.. steps], sets is null ? [] : [.. sets!]);

    private static int Find(PathElement[] steps, PathElement step)
    {
        int low = 0, high = steps.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = steps[middle].CompareTo(step);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private FieldSet Subtract(FieldSet other, bool recursive)
    {
        if (other.IsEmpty || IsEmpty)
        {
            return this;
        }

        var changed = false;
        var members = SortedSteps.Difference(_members, other._members);
        changed |= members.Length != _members.Length;
        var steps = new List<PathElement>(_childSteps.Length);
        var sets = new List<FieldSet>(_childSteps.Length);
        var j = 0;
        for (var i = 0; i < _childSteps.Length; i++)
        {
            var step = _childSteps[i];
            if (recursive && other.HasMember(step))
            {
                changed = true;
                continue;
            }

            while (j < other._childSteps.Length && other._childSteps[j].CompareTo(step) < 0)
            {
                j++;
            }

            if (j == other._childSteps.Length || other._childSteps[j].CompareTo(step) != 0)
            {
                steps.Add(step);
                sets.Add(_childSets[i]);
                continue;
            }

            var rest = _childSets[i].Subtract(other._childSets[j], recursive);
            changed |= !ReferenceEquals(rest, _childSets[i]);
            if (!rest.IsEmpty)
            {
                steps.Add(step);
                sets.Add(rest);
            }
        }

        if (!changed)
        {
            return this;
        }

        return members.Length == 0 && steps.Count == 0 ? Empty : new FieldSet(members, [.. steps], [.. sets]);
    }

    private IEnumerable<IReadOnlyList<PathElement>> PathsUnder(List<PathElement> prefix)
    {
        foreach (var step in Steps())
        {
            var path = new List<PathElement>(prefix) { step };
            if (HasMember(step))
            {
                yield return path;
            }

            if (TryGetChild(step, out var child))
            {
                foreach (var deeper in child.PathsUnder(path))
                {
                    yield return deeper;
                }
            }
        }
    }
}
