using System.Text.Json.Nodes;
using Skiff.Api.Schema;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// Turns objects into field sets: the fields an object sets (what an applier owns) and the fields that differ
/// between two objects (what an updater takes over).
/// </summary>
internal static class FieldWalker
{
    /// <summary>
    /// The fields a configuration sets: every leaf, every list item and map entry; named fields of structs are
    /// members only when they are leaves or empty, as upstream records applied configurations.
    /// </summary>
    public static FieldSet FieldsOf(JsonNode? value, ApplyShape shape) => FieldsOfChildren(Children(value, shape), shape);

    /// <summary>
    /// <see cref="FieldsOf(JsonNode?, ApplyShape)"/> of an object given as its top-level members (null: no object),
    /// so a caller can leave members out without copying the others.
    /// </summary>
    public static FieldSet FieldsOf(IReadOnlyList<KeyValuePair<string, JsonNode?>>? members, ApplyShape shape) =>
        FieldsOfChildren(Members(members, shape), shape);

    public static FieldComparison Compare(JsonNode? old, JsonNode? now, ApplyShape shape) =>
        CompareChildren(Children(old, shape), Children(now, shape));

    /// <summary><see cref="Compare(JsonNode?, JsonNode?, ApplyShape)"/> of two objects given as their top-level members.</summary>
    public static FieldComparison Compare(
        IReadOnlyList<KeyValuePair<string, JsonNode?>>? old, IReadOnlyList<KeyValuePair<string, JsonNode?>>? now, ApplyShape shape) =>
        CompareChildren(Members(old, shape), Members(now, shape));

    private static FieldSet FieldsOfChildren(IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> children, ApplyShape shape)
    {
        var paths = new List<IReadOnlyList<PathElement>>();
        CollectChildren(children, shape, [], paths);
        return FieldSet.Of([.. paths]);
    }

    private static FieldComparison CompareChildren(
        IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> old, IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> now)
    {
        var added = new List<IReadOnlyList<PathElement>>();
        var modified = new List<IReadOnlyList<PathElement>>();
        var removed = new List<IReadOnlyList<PathElement>>();
        CompareChildrenInto(old, now, [], added, modified, removed);
        return new FieldComparison(FieldSet.Of([.. added]), FieldSet.Of([.. modified]), FieldSet.Of([.. removed]));
    }

    /// <summary>The children of an object given as its members, as <see cref="Children"/> yields them for the object.</summary>
    private static IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> Members(IReadOnlyList<KeyValuePair<string, JsonNode?>>? members, ApplyShape shape)
    {
        if (members is null || shape.Atomic || shape.Kind is not (ShapeKind.Struct or ShapeKind.Map or ShapeKind.Deduced))
        {
            yield break;
        }

        foreach (var (key, child) in members)
        {
            yield return (PathElement.Field(key), child, shape.Child(key));
        }
    }

    private static void Collect(JsonNode? value, ApplyShape shape, List<PathElement> path, List<IReadOnlyList<PathElement>> paths) =>
        CollectChildren(Children(value, shape), shape, path, paths);

    private static void CollectChildren(
        IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> children, ApplyShape shape, List<PathElement> path, List<IReadOnlyList<PathElement>> paths)
    {
        foreach (var (step, child, childShape) in children)
        {
            var childPath = Extend(path, step);
            var isLeaf = IsLeafValue(child, childShape);
            if (isLeaf || step.Kind != PathElementKind.Field || shape.Kind == ShapeKind.Map)
            {
                paths.Add(childPath);
            }

            if (!isLeaf)
            {
                Collect(child, childShape, childPath, paths);
            }
        }
    }

    private static void CompareInto(
        JsonNode? old, JsonNode? now, ApplyShape shape, List<PathElement> path,
        List<IReadOnlyList<PathElement>> added, List<IReadOnlyList<PathElement>> modified, List<IReadOnlyList<PathElement>> removed) =>
        CompareChildrenInto(Children(old, shape), Children(now, shape), path, added, modified, removed);

    private static void CompareChildrenInto(
        IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> old, IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> now,
        List<PathElement> path, List<IReadOnlyList<PathElement>> added, List<IReadOnlyList<PathElement>> modified, List<IReadOnlyList<PathElement>> removed)
    {
        var oldList = old.ToList();
        var oldChildren = oldList.Count == 0 ? null : oldList.ToDictionary(c => c.Step, c => c.Value);
        var newChildren = now.ToList();
        foreach (var (step, value, childShape) in newChildren)
        {
            if (oldChildren is null || !oldChildren.TryGetValue(step, out var previous))
            {
                var childPath = Extend(path, step);

                // Named struct fields exist (empty) in upstream's typed objects, so adding one adds only its contents.
                if (childShape.Kind != ShapeKind.Struct || IsLeafValue(value, childShape) || step.Kind != PathElementKind.Field)
                {
                    added.Add(childPath);
                }

                if (!IsLeafValue(value, childShape))
                {
                    CompareInto(null, value, childShape, childPath, added, modified, removed);
                }

                continue;
            }

            if (previous is null && !IsLeafValue(value, childShape))
            {
                // A null struct or list filled in: its contents are added, as from an empty typed value.
                CompareInto(null, value, childShape, Extend(path, step), added, modified, removed);
                continue;
            }

            if (IsLeafValue(value, childShape) || IsLeafValue(previous, childShape) || value!.GetValueKind() != previous!.GetValueKind())
            {
                if (!JsonNode.DeepEquals(previous, value))
                {
                    modified.Add(Extend(path, step));
                }

                continue;
            }

            // Most of an updated object is as it was (a Lease renewal changes one field); an equal subtree adds,
            // changes and removes nothing, and comparing it is much cheaper than walking it path by path.
            if (JsonNode.DeepEquals(previous, value))
            {
                continue;
            }

            CompareInto(previous, value, childShape, Extend(path, step), added, modified, removed);
        }

        if (oldList.Count == 0)
        {
            return;
        }

        var present = newChildren.Select(c => c.Step).ToHashSet();
        foreach (var (step, value, childShape) in oldList)
        {
            if (present.Contains(step))
            {
                continue;
            }

            var childPath = Extend(path, step);
            removed.Add(childPath);
            if (!IsLeafValue(value, childShape))
            {
                CompareInto(value, null, childShape, childPath, added, modified, removed);
            }
        }
    }

    private static List<PathElement> Extend(List<PathElement> path, PathElement step)
    {
        var extended = new List<PathElement>(path.Count + 1);
        extended.AddRange(path);
        extended.Add(step);
        return extended;
    }

    /// <summary>The addressable children of a granular value, with their path elements and shapes.</summary>
    internal static IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> Children(JsonNode? value, ApplyShape shape)
    {
        if (shape.Atomic)
        {
            yield break;
        }

        switch (value)
        {
            case JsonObject obj when shape.Kind is ShapeKind.Struct or ShapeKind.Map or ShapeKind.Deduced:
                foreach (var (key, child) in obj)
                {
                    yield return (PathElement.Field(key), child, shape.Child(key));
                }

                break;
            case JsonArray array when ListItems.IsGranular(shape):
                foreach (var item in array)
                {
                    yield return (ListItems.Element(shape, item), item, shape.ListType == ListType.Set ? ApplyShape.Scalar : shape.Element ?? ApplyShape.Deduced);
                }

                break;
        }
    }

    private static bool IsLeafValue(JsonNode? value, ApplyShape shape) =>
        value switch
        {
            null => true,
            JsonObject obj => obj.Count == 0 || shape.Atomic || shape.Kind is ShapeKind.Scalar or ShapeKind.List,
            JsonArray array => array.Count == 0 || !ListItems.IsGranular(shape),
            _ => true,
        };
}
