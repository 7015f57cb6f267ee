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

        SortedSet<PathElement>? members = null;
        SortedDictionary<PathElement, FieldSet>? children = null;
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
                (children ??= [])[step] = grandchildren;
            }
        }

        if (members is null && children is null)
        {
            return (null, true);
        }

        return (FieldSet.Create(members ?? [], children ?? []), isMember);
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
            node[step.ToString()] = set.Children.TryGetValue(step, out var child)
                ? ToNode(child, includeSelf: set.Members.Contains(step))
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
            if (set.Children.TryGetValue(step, out var child))
            {
                Write(builder, child, includeSelf: set.Members.Contains(step));
            }
            else
            {
                builder.Append("{}");
            }
        }

        builder.Append('}');
    }
}
