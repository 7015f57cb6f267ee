using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// Merging one list field with <c>patchStrategy: merge</c>: items of object lists merge by merge key (new ones are
/// appended, <c>$patch: delete</c> items remove, <c>$patch: replace</c> replaces the list); primitive lists merge as
/// sets, or lose items with <c>$deleteFromPrimitiveList</c>. The result is ordered as upstream orders it: patch
/// items in patch order, interleaved with server-only items in their live order.
/// </summary>
internal static class StrategicListMerge
{
    public static JsonArray Merge(JsonArray original, JsonArray patch, SmpSchema itemSchema, string? mergeKey, bool isDeleteList)
    {
        if (original.Count == 0 && patch.Count == 0)
        {
            return original;
        }

        var originalItems = Detach(original);
        var patchItems = patch.Select(JsonValues.Clone).ToList();
        var itemsAreObjects = ElementOrder.ItemsAreObjects(originalItems, patchItems);

        List<JsonNode?> merged;
        if (!itemsAreObjects)
        {
            if (isDeleteList)
            {
                // Deletion lists keep the live order and skip the reordering below.
                return new JsonArray([.. originalItems.Where(item => !patchItems.Any(p => JsonValues.ScalarEquals(item, p)))]);
            }

            merged = Deduplicate(originalItems.Concat(patchItems));
        }
        else
        {
            if (string.IsNullOrEmpty(mergeKey))
            {
                throw SmpErrors.Other($"cannot merge lists without merge key for {itemSchema.Name}");
            }

            (originalItems, patchItems) = ApplySpecialItems(originalItems, patchItems, mergeKey);
            merged = MergeByKey(originalItems, patchItems, mergeKey, itemSchema);
        }

        var key = itemsAreObjects ? mergeKey : null;
        var (fromPatch, serverOnly) = ElementOrder.Partition(merged, patchItems, key);
        return new JsonArray([.. ElementOrder.Normalize(fromPatch, serverOnly, patchItems, originalItems, key)]);
    }

    /// <summary>
    /// Handles the <c>$patch</c> items: deletes remove every live item with that key, a replace makes the patch's
    /// plain items the whole list, and <c>merge</c> is refused as upstream refuses it.
    /// </summary>
    private static (List<JsonNode?> Original, List<JsonNode?> Patch) ApplySpecialItems(
        List<JsonNode?> original, List<JsonNode?> patch, string mergeKey)
    {
        var plain = new List<JsonNode?>();
        var replace = false;
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(SmpDirectives.Patch, out var directive))
            {
                plain.Add(item);
                continue;
            }

            if (SmpDirectives.IsDirective(directive, SmpDirectives.Delete))
            {
                if (!map.TryGetPropertyValue(mergeKey, out var keyValue))
                {
                    throw SmpErrors.NoMergeKey(map, mergeKey);
                }

                original = original.Where(o => !HasKey(o, mergeKey, keyValue)).ToList();
            }
            else if (SmpDirectives.IsDirective(directive, SmpDirectives.Replace))
            {
                replace = true;
            }
            else if (SmpDirectives.IsDirective(directive, SmpDirectives.Merge))
            {
                throw SmpErrors.Other("merging lists cannot yet be specified in the patch");
            }
            else
            {
                throw SmpErrors.BadPatchType(directive, map);
            }
        }

        return replace ? (plain, []) : (original, plain);
    }

    private static List<JsonNode?> MergeByKey(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey, SmpSchema itemSchema)
    {
        var merged = new List<JsonNode?>(original);
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(mergeKey, out var keyValue))
            {
                throw SmpErrors.NoMergeKey(map, mergeKey);
            }

            var index = FindByKey(merged, mergeKey, keyValue);
            if (index >= 0)
            {
                merged[index] = StrategicMergePatch.MergeObject((JsonObject)merged[index]!, map, itemSchema);
            }
            else
            {
                SmpDirectives.TryCleanCopy(map, out var added);
                merged.Add(added);
            }
        }

        return merged;
    }

    internal static int FindByKey(List<JsonNode?> items, string mergeKey, JsonNode? keyValue)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject)
            {
                throw SmpErrors.Other($"value for key {i} is not a map");
            }

            if (HasKey(items[i], mergeKey, keyValue))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool HasKey(JsonNode? item, string mergeKey, JsonNode? keyValue) =>
        item is JsonObject map && map.TryGetPropertyValue(mergeKey, out var value) && JsonValues.ScalarEquals(value, keyValue);

    private static List<JsonNode?> Deduplicate(IEnumerable<JsonNode?> items)
    {
        var unique = new List<JsonNode?>();
        foreach (var item in items)
        {
            if (!unique.Any(u => JsonValues.ScalarEquals(u, item)))
            {
                unique.Add(item);
            }
        }

        return unique;
    }

    /// <summary>The items of a list, released from it so they can move into the merged list.</summary>
    internal static List<JsonNode?> Detach(JsonArray list)
    {
        var items = list.ToList();
        list.Clear();
        return items;
    }
}
