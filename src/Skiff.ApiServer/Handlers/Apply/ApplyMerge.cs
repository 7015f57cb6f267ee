using System.Text.Json.Nodes;
using Skiff.Api.Schema;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// Merges an applied configuration into the live object by schema (maps and structs field by field, map lists by
/// key, sets by value, everything atomic replaced), and removes fields an applier gave up.
/// </summary>
internal static class ApplyMerge
{
    public static JsonNode? Merge(JsonNode? live, JsonNode? config, ApplyShape shape)
    {
        if (config is null || live is null || shape.Atomic)
        {
            return config?.DeepClone();
        }

        switch (config)
        {
            case JsonObject patch when live is JsonObject target && shape.Kind is ShapeKind.Struct or ShapeKind.Map or ShapeKind.Deduced:
                var result = (JsonObject)target.DeepClone();
                foreach (var (key, value) in patch)
                {
                    result[key] = result.TryGetPropertyValue(key, out var current) ? Merge(current, value, shape.Child(key)) : value?.DeepClone();
                }

                return result;
            case JsonArray items when live is JsonArray liveItems && ListItems.IsGranular(shape):
                return MergeList(liveItems, items, shape);
            default:
                return config.DeepClone();
        }
    }

    /// <summary>
    /// Removes the fields of <paramref name="remove"/> from <paramref name="value"/>, except where <paramref name="keep"/>
    /// (what every manager still owns) holds the field or something below it.
    /// </summary>
    public static void Prune(JsonNode? value, FieldSet remove, FieldSet keep, ApplyShape shape)
    {
        var doomed = remove.Members.Where(m => !keep.HasMember(m) && !keep.HasChild(m)).ToHashSet();
        var children = FieldWalker.Children(value, shape).ToList();
        foreach (var (step, child, childShape) in children)
        {
            if (doomed.Contains(step) || !remove.TryGetChild(step, out var deeper))
            {
                continue;
            }

            keep.TryGetChild(step, out var kept);
            Prune(child, deeper, kept, childShape);

            // A named field emptied of everything its owners set goes too, as upstream treats struct fields as members.
            if (step.Kind == PathElementKind.Field && childShape.Kind == ShapeKind.Struct && child is JsonObject { Count: 0 }
                && !keep.HasMember(step) && !keep.HasChild(step))
            {
                doomed.Add(step);
            }
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var step in doomed.Where(s => s.Kind == PathElementKind.Field))
                {
                    obj.Remove(step.FieldName!);
                }

                break;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (doomed.Contains(ListItems.Element(shape, array[i])))
                    {
                        array.RemoveAt(i);
                    }
                }

                break;
        }
    }

    private static JsonArray MergeList(JsonArray live, JsonArray config, ApplyShape shape)
    {
        var result = new JsonArray();
        var positions = new Dictionary<PathElement, int>();
        foreach (var item in live)
        {
            positions.TryAdd(ListItems.Element(shape, item), result.Count);
            result.Add(item?.DeepClone());
        }

        var itemShape = shape.ListType == ListType.Set ? ApplyShape.Scalar : shape.Element ?? ApplyShape.Deduced;
        foreach (var item in config)
        {
            var key = ListItems.Element(shape, item);
            if (positions.TryGetValue(key, out var at))
            {
                result[at] = Merge(result[at], item, itemShape);
            }
            else
            {
                positions[key] = result.Count;
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }
}
