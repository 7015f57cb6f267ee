using System.Text.Json.Nodes;
using Skiff.Api.Schema;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// Ordering of merged lists: the <c>$setElementOrder/…</c> directive kubectl's three-way patches carry, and the
/// order upstream gives every merged list (patch items in patch order, server-only items in live order, the two
/// interleaved by their live positions).
/// </summary>
internal static class ElementOrder
{
    /// <summary>Processes every <c>$setElementOrder/x</c> key of the patch, merging and ordering field x.</summary>
    public static void Apply(JsonObject original, JsonObject patch, SmpSchema schema)
    {
        foreach (var (directiveKey, directiveValue) in patch.ToList())
        {
            if (!SmpDirectives.HasPrefix(directiveKey, SmpDirectives.SetElementOrder))
            {
                continue;
            }

            patch.Remove(directiveKey);
            if (directiveValue is not JsonArray orderList)
            {
                throw SmpErrors.ExpectedList(directiveValue);
            }

            var order = orderList.ToList();
            var field = SmpDirectives.FieldOf(directiveKey, SmpDirectives.SetElementOrder);
            var foundOriginal = original.TryGetPropertyValue(field, out var originalValue);
            var foundPatch = patch.TryGetPropertyValue(field, out var patchValue);
            if (foundOriginal && originalValue is not JsonArray)
            {
                throw SmpErrors.ExpectedList(originalValue);
            }

            if (foundPatch && patchValue is not JsonArray)
            {
                throw SmpErrors.ExpectedList(patchValue);
            }

            var originalItems = (originalValue as JsonArray)?.ToList() ?? [];
            var patchItems = (patchValue as JsonArray)?.ToList() ?? [];
            var (facts, child) = schema.Lookup(field);
            var mergeKey = string.IsNullOrEmpty(facts.MergeKey) ? null : facts.MergeKey;
            SetElementOrderCheck.Validate(patchItems, order, mergeKey);

            List<JsonNode?> merged;
            var liveOrder = originalItems;
            switch (foundOriginal, foundPatch)
            {
                case (true, false):
                    merged = StrategicListMerge.Detach((JsonArray)originalValue!);
                    break;
                case (false, true):
                    SmpDirectives.TryCleanCopy(patchValue, out var added);
                    merged = StrategicListMerge.Detach((JsonArray)added!);
                    break;
                case (true, true):
                    if (facts.Strategy.HasFlag(PatchStrategy.Merge) && mergeKey is not null
                        && originalItems.Concat(patchItems).FirstOrDefault(i => i is not null) is JsonObject)
                    {
                        liveOrder = StrategicListMerge.LiveOrderAfterMerge(originalItems, patchItems, mergeKey);
                    }

                    var list = facts.Strategy.HasFlag(PatchStrategy.Merge)
                        ? StrategicListMerge.Merge((JsonArray)originalValue!, (JsonArray)patchValue!, child, mergeKey, isDeleteList: false)
                        : SmpDirectives.CopyWithoutNulls((JsonArray)patchValue!);
                    merged = StrategicListMerge.Detach(list);
                    break;
                default:
                    continue;
            }

            var (fromPatch, serverOnly) = Partition(merged, order, mergeKey);
            var itemsAreObjects = ItemsAreObjects(originalItems, patchItems);
            original[field] = new JsonArray([.. Normalize(fromPatch, serverOnly, order, liveOrder, itemsAreObjects ? mergeKey : null)]);
            patch.Remove(field);
        }
    }

    /// <summary>
    /// Whether the items of the lists are objects (merged by key) rather than primitives; lists of lists and mixed
    /// lists are refused as upstream refuses them.
    /// </summary>
    public static bool ItemsAreObjects(List<JsonNode?> first, List<JsonNode?> second)
    {
        string? kind = null;
        foreach (var item in first.Concat(second))
        {
            if (item is null && kind is null)
            {
                continue;
            }

            var itemKind = GoFormat.TypeName(item);
            if (kind is null)
            {
                if (item is JsonArray)
                {
                    throw SmpErrors.NoListOfLists();
                }

                kind = itemKind;
            }
            else if (kind != itemKind)
            {
                throw SmpErrors.Other(
                    $"list element types are not identical: [{GoFormat.List(first)} {GoFormat.List(second)}]");
            }
        }

        return kind is null
            ? throw SmpErrors.Other("no elements in any of the given slices")
            : kind == GoFormat.TypeName(new JsonObject());
    }

    /// <summary>Splits merged items into those the order list names and the rest (server-only).</summary>
    public static (List<JsonNode?> InOrder, List<JsonNode?> Others) Partition(List<JsonNode?> merged, List<JsonNode?> order, string? mergeKey)
    {
        var inOrder = new List<JsonNode?>();
        var rest = new List<JsonNode?>();
        foreach (var item in merged)
        {
            bool found;
            if (mergeKey is null)
            {
                found = order.Any(o => JsonValues.ScalarEquals(o, item));
            }
            else
            {
                if (item is not JsonObject map)
                {
                    throw SmpErrors.ExpectedMap(item);
                }

                if (!map.TryGetPropertyValue(mergeKey, out var keyValue))
                {
                    throw SmpErrors.NoMergeKey(map, mergeKey);
                }

                found = StrategicListMerge.FindByKey(order, mergeKey, keyValue) >= 0;
            }

            (found ? inOrder : rest).Add(item);
        }

        return (inOrder, rest);
    }

    /// <summary>
    /// Sorts patch items by <paramref name="patchOrder"/> and server-only items by their live order, then interleaves
    /// them: a server-only item goes before a patch item when it stood before it in the live list.
    /// </summary>
    public static List<JsonNode?> Normalize(
        List<JsonNode?> patchItems, List<JsonNode?> serverOnly, List<JsonNode?> patchOrder, List<JsonNode?> serverOrder, string? mergeKey)
    {
        var right = SortBy(patchItems, patchOrder, mergeKey);
        var left = SortBy(serverOnly, serverOrder, mergeKey);
        var result = new List<JsonNode?>(left.Count + right.Count);
        int i = 0, j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (j >= right.Count)
            {
                result.Add(left[i++]);
            }
            else if (i >= left.Count)
            {
                result.Add(right[j++]);
            }
            else
            {
                var li = IndexOf(serverOrder, left[i], mergeKey);
                var ri = IndexOf(serverOrder, right[j], mergeKey);
                result.Add(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
            }
        }

        return result;
    }

    private static List<JsonNode?> SortBy(List<JsonNode?> items, List<JsonNode?> order, string? mergeKey)
    {
        var toDelete = new List<JsonNode?>();
        if (mergeKey is not null)
        {
            foreach (var item in items.Concat(order))
            {
                if (item is not JsonObject map)
                {
                    throw SmpErrors.ExpectedMap(item);
                }

                if (!map.ContainsKey(mergeKey))
                {
                    throw SmpErrors.NoMergeKey(map, mergeKey);
                }
            }

            toDelete = items.Where(i => SmpDirectives.IsDirective(i![SmpDirectives.Patch], SmpDirectives.Delete)).ToList();
            items = items.Except(toDelete).ToList();
        }

        return items
            .Select((item, position) => (item, position, index: IndexOf(order, item, mergeKey)))
            .OrderBy(x => x.index < 0 ? int.MaxValue : x.index)
            .ThenBy(x => x.position)
            .Select(x => x.item)
            .Concat(toDelete)
            .ToList();
    }

    private static int IndexOf(List<JsonNode?> list, JsonNode? item, string? mergeKey)
    {
        var value = mergeKey is null ? item : (item as JsonObject)?[mergeKey];
        for (var i = 0; i < list.Count; i++)
        {
            var candidate = mergeKey is null ? list[i] : (list[i] as JsonObject)?[mergeKey];
            if (JsonValues.ScalarEquals(candidate, value))
            {
                return i;
            }
        }

        return -1;
    }
}
