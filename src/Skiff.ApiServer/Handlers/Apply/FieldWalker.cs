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
        var builder = new FieldSetBuilder();
        CollectChildren(children, shape, builder);
        return builder.Build();
    }

    private static FieldComparison CompareChildren(
        IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> old, IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> now)
    {
        var level = new ComparisonLevel();
        CompareChildrenInto(old, now, level);
        return level.Result();
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

    private static void CollectChildren(IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> children, ApplyShape shape, FieldSetBuilder node)
    {
        foreach (var (step, child, childShape) in children)
        {
            var isLeaf = IsLeafValue(child, childShape);
            if (isLeaf || step.Kind != PathElementKind.Field || shape.Kind == ShapeKind.Map)
            {
                node.AddMember(step);
            }

            if (!isLeaf)
            {
                CollectChildren(Children(child, childShape), childShape, node.Child(step));
            }
        }
    }

    private static void CompareInto(JsonNode? old, JsonNode? now, ApplyShape shape, ComparisonLevel level)
    {
        if (old is null)
        {
            // Against nothing every child is added: no matching to do.
            foreach (var (step, value, childShape) in Children(now, shape))
            {
                AddChild(step, value, childShape, level);
            }

            return;
        }

        if (!shape.Atomic && old is JsonObject before && now is JsonObject after && shape.Kind is ShapeKind.Struct or ShapeKind.Map or ShapeKind.Deduced)
        {
            CompareObjects(before, after, shape, level);
            return;
        }

        if (!shape.Atomic && old is JsonArray oldItems && now is JsonArray newItems && ListItems.IsGranular(shape)
            && ListItems.MatchByKey(shape, oldItems, newItems) is { } match)
        {
            CompareMatchedItems(oldItems, newItems, match, shape, level);
            return;
        }

        CompareChildrenInto(Children(old, shape), Children(now, shape), level);
    }

    /// <summary>
    /// <see cref="CompareChildrenInto"/> of two map lists whose items are paired by key: a status's conditions are
    /// mostly as they were, and only the items that differ need path elements.
    /// </summary>
    private static void CompareMatchedItems(JsonArray old, JsonArray now, int[] match, ApplyShape shape, ComparisonLevel level)
    {
        var itemShape = shape.Element ?? ApplyShape.Deduced;
        var kept = new bool[old.Count];
        for (var i = 0; i < now.Count; i++)
        {
            if (match[i] < 0)
            {
                AddChild(ListItems.Element(shape, now[i]), now[i], itemShape, level);
                continue;
            }

            kept[match[i]] = true;
            if (!JsonNode.DeepEquals(old[match[i]], now[i]))
            {
                CompareChild(ListItems.Element(shape, now[i]), old[match[i]], now[i], itemShape, level);
            }
        }

        for (var j = 0; j < old.Count; j++)
        {
            if (!kept[j])
            {
                RemoveChild(ListItems.Element(shape, old[j]), old[j], itemShape, level);
            }
        }
    }

    /// <summary>
    /// <see cref="CompareChildrenInto"/> of two objects, matching fields by name in the objects themselves: an
    /// update of a busy object (a pod's status) differs in a few fields of a few objects, and listing and indexing
    /// every field of both sides cost more than comparing them.
    /// </summary>
    private static void CompareObjects(JsonObject old, JsonObject now, ApplyShape shape, ComparisonLevel level)
    {
        foreach (var (key, value) in now)
        {
            if (old.TryGetPropertyValue(key, out var previous))
            {
                CompareChild(PathElement.Field(key), previous, value, shape.Child(key), level);
            }
            else
            {
                AddChild(PathElement.Field(key), value, shape.Child(key), level);
            }
        }

        if (old.Count == now.Count && AllIn(old, now))
        {
            return;
        }

        foreach (var (key, value) in old)
        {
            if (!now.ContainsKey(key))
            {
                RemoveChild(PathElement.Field(key), value, shape.Child(key), level);
            }
        }
    }

    private static bool AllIn(JsonObject old, JsonObject now)
    {
        foreach (var (key, _) in old)
        {
            if (!now.ContainsKey(key))
            {
                return false;
            }
        }

        return true;
    }

    private static void CompareChildrenInto(
        IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> old, IEnumerable<(PathElement Step, JsonNode? Value, ApplyShape Shape)> now,
        ComparisonLevel level)
    {
        var oldList = old.ToList();
        var oldChildren = oldList.Count == 0 ? null : oldList.ToDictionary(c => c.Step, c => c.Value);
        var newChildren = now.ToList();
        foreach (var (step, value, childShape) in newChildren)
        {
            if (oldChildren is null || !oldChildren.TryGetValue(step, out var previous))
            {
                AddChild(step, value, childShape, level);
                continue;
            }

            CompareChild(step, previous, value, childShape, level);
        }

        if (oldList.Count == 0)
        {
            return;
        }

        var present = newChildren.Select(c => c.Step).ToHashSet();
        foreach (var (step, value, childShape) in oldList)
        {
            if (!present.Contains(step))
            {
                RemoveChild(step, value, childShape, level);
            }
        }
    }

    private static void AddChild(PathElement step, JsonNode? value, ApplyShape childShape, ComparisonLevel level)
    {
        // Named struct fields exist (empty) in upstream's typed objects, so adding one adds only its contents.
        var isLeaf = IsLeafValue(value, childShape);
        if (childShape.Kind != ShapeKind.Struct || isLeaf || step.Kind != PathElementKind.Field)
        {
            level.Added.AddMember(step);
        }

        if (!isLeaf)
        {
            CompareInto(null, value, childShape, level.Below(step));
        }
    }

    private static void CompareChild(PathElement step, JsonNode? previous, JsonNode? value, ApplyShape childShape, ComparisonLevel level)
    {
        if (previous is null && !IsLeafValue(value, childShape))
        {
            // A null struct or list filled in: its contents are added, as from an empty typed value.
            CompareInto(null, value, childShape, level.Below(step));
            return;
        }

        if (IsLeafValue(value, childShape) || IsLeafValue(previous, childShape) || value!.GetValueKind() != previous!.GetValueKind())
        {
            if (!JsonNode.DeepEquals(previous, value))
            {
                level.Modified.AddMember(step);
            }

            return;
        }

        // Most of an updated object is as it was (a Lease renewal changes one field); an equal subtree adds,
        // changes and removes nothing, and comparing it is much cheaper than walking it path by path.
        if (JsonNode.DeepEquals(previous, value))
        {
            return;
        }

        CompareInto(previous, value, childShape, level.Below(step));
    }

    private static void RemoveChild(PathElement step, JsonNode? value, ApplyShape childShape, ComparisonLevel level)
    {
        level.Removed.AddMember(step);
        if (!IsLeafValue(value, childShape))
        {
            CompareInto(value, null, childShape, level.Below(step));
        }
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

    internal static bool IsLeafValue(JsonNode? value, ApplyShape shape) =>
        value switch
        {
            null => true,
            JsonObject obj => obj.Count == 0 || shape.Atomic || shape.Kind is ShapeKind.Scalar or ShapeKind.List,
            JsonArray array => array.Count == 0 || !ListItems.IsGranular(shape),
            _ => true,
        };
}
