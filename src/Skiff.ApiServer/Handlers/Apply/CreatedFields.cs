using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// The <c>fieldsV1</c> of everything a new object sets, written straight from a walk of the object: on create the
/// creator is the only manager and owns every field, so the set needs no comparing, uniting or subtracting, and
/// building it only to encode it was most of the cost of a create's managedFields.
/// </summary>
/// <remarks>
/// Owns what <see cref="FieldWalker.Compare(IReadOnlyList{KeyValuePair{string, JsonNode}}?, IReadOnlyList{KeyValuePair{string, JsonNode}}?, ApplyShape)"/>
/// reports added against no object, spelled as <see cref="FieldSet.ToJson"/> spells it.
/// </remarks>
internal static class CreatedFields
{
    private const string Self = ".";

    /// <summary>
    /// The encoded field set of an object given as its top-level members (null when it owns nothing); false when
    /// two list items share a key, whose paths the caller merges through a <see cref="FieldSet"/> instead.
    /// </summary>
    public static bool TryWrite(IReadOnlyList<KeyValuePair<string, JsonNode?>>? members, ApplyShape shape, out JsonObject? fieldsV1)
    {
        fieldsV1 = null;
        if (members is null || shape.Atomic || shape.Kind is not (ShapeKind.Struct or ShapeKind.Map or ShapeKind.Deduced))
        {
            return true;
        }

        var entries = new List<Entry>(members.Count);
        foreach (var (key, child) in members)
        {
            if (!TryAdd(entries, PathElement.Field(key), child, shape.Child(key)))
            {
                return false;
            }
        }

        return TryNode(entries, includeSelf: false, out fieldsV1);
    }

    private static bool TryAdd(List<Entry> entries, PathElement step, JsonNode? value, ApplyShape shape)
    {
        // Named struct fields exist (empty) in upstream's typed objects, so such a field owns only its contents.
        var isLeaf = FieldWalker.IsLeafValue(value, shape);
        var isMember = shape.Kind != ShapeKind.Struct || isLeaf || step.Kind != PathElementKind.Field;
        JsonObject? below = null;
        if (!isLeaf)
        {
            var children = new List<Entry>();
            foreach (var (childStep, child, childShape) in FieldWalker.Children(value, shape))
            {
                if (!TryAdd(children, childStep, child, childShape))
                {
                    return false;
                }
            }

            if (!TryNode(children, isMember, out below))
            {
                return false;
            }
        }

        if (isMember || below is not null)
        {
            entries.Add(new Entry(step, below));
        }

        return true;
    }

    private static bool TryNode(List<Entry> entries, bool includeSelf, out JsonObject? node)
    {
        node = null;
        if (entries.Count == 0)
        {
            return true;
        }

        SortedSteps.Sort(entries, static e => e.Step);
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Step.CompareTo(entries[i - 1].Step) == 0)
            {
                return false;
            }
        }

        node = new JsonObject();
        if (includeSelf)
        {
            node[Self] = new JsonObject();
        }

        foreach (var (step, below) in entries)
        {
            node[step.ToString()] = below ?? new JsonObject();
        }

        return true;
    }

    /// <summary>One owned step: its encoded children, or null when only the step itself is owned.</summary>
    private readonly record struct Entry(PathElement Step, JsonObject? Below);
}
