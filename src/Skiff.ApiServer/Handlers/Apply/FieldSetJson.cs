using System.Text;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// The <c>fieldsV1</c> encoding: each node is a JSON object whose keys are path elements; <c>{}</c> marks a member
/// without children, and <c>"."</c> marks a node that is both a member and has children.
/// </summary>
internal static class FieldSetJson
{
    private const string Self = ".";

    /// <summary>Reads one node: its children (null when it has none) and whether the node itself is a member.</summary>
    public static (FieldSet? Children, bool IsMember) Read(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            throw new FormatException($"a fieldsV1 node must be a JSON object, not {node?.GetValueKind().ToString() ?? "null"}");
        }

        List<PathElement>? members = null;
        List<(PathElement Step, FieldSet Set)>? children = null;
        var isMember = false;
        foreach (var (key, value) in obj)
        {
            if (key == Self)
            {
                isMember = true;
                continue;
            }

            // Upstream skips path elements of kinds it does not know, for forward compatibility.
            if (PathElement.Parse(key) is not { } step)
            {
                continue;
            }

            var (grandchildren, childIsMember) = Read(value);
            if (childIsMember)
            {
                (members ??= []).Add(step);
            }

            if (grandchildren is not null)
            {
                (children ??= []).Add((step, grandchildren));
            }
        }

        if (members is null && children is null)
        {
            return (null, true);
        }

        if (members is not null)
        {
            SortedSteps.SortDistinct(members, s => s);
        }

        var (steps, sets) = Sorted(children);
        return (new FieldSet(members is null ? [] : [.. members], steps, sets), isMember);
    }

    private static (PathElement[] Steps, FieldSet[] Sets) Sorted(List<(PathElement Step, FieldSet Set)>? children)
    {
        if (children is null)
        {
            return ([], []);
        }

        // Of two keys for one step (2 and 2.0) the first key stays with the last one's set, as a map assignment
        // keeps them; the sort keeps equal steps in the order read.
        SortedSteps.Sort(children, c => c.Step);
        var steps = new List<PathElement>(children.Count);
        var sets = new List<FieldSet>(children.Count);
        for (var i = 0; i < children.Count; i++)
        {
            if (i > 0 && children[i].Step.CompareTo(steps[^1]) == 0)
            {
                sets[^1] = children[i].Set;
                continue;
            }

            steps.Add(children[i].Step);
            sets.Add(children[i].Set);
        }

        return ([.. steps], [.. sets]);
    }

    /// <summary>
    /// The same encoding as <see cref="Write"/>, built as nodes: each write of an object stores its field sets this
    /// way, and writing text only to parse it again cost more than the rest of the bookkeeping.
    /// </summary>
    public static JsonObject ToNode(FieldSet set, bool includeSelf)
    {
        var node = new JsonObject();
        if (includeSelf && !set.IsEmpty)
        {
            node[Self] = new JsonObject();
        }

        foreach (var step in set.Steps())
        {
            node[step.ToString()] = set.TryGetChild(step, out var child)
                ? ToNode(child, includeSelf: set.HasMember(step))
                : new JsonObject();
        }

        return node;
    }

    public static void Write(StringBuilder builder, FieldSet set, bool includeSelf)
    {
        builder.Append('{');
        var first = true;
        if (includeSelf && !set.IsEmpty)
        {
            builder.Append("\".\":{}");
            first = false;
        }

        foreach (var step in set.Steps())
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            GoJson.AppendString(builder, step.ToString());
            builder.Append(':');
            if (set.TryGetChild(step, out var child))
            {
                Write(builder, child, includeSelf: set.HasMember(step));
            }
            else
            {
                builder.Append("{}");
            }
        }

        builder.Append('}');
    }
}
