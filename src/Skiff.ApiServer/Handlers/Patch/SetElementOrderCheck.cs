using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>Upstream's check that a <c>$setElementOrder</c> list agrees with the patch list it orders.</summary>
internal static class SetElementOrderCheck
{
    /// <summary>
    /// Upstream's consistency check: the patch's items (deletions aside) must appear in the order list, in the same
    /// relative order.
    /// </summary>
    public static void Validate(List<JsonNode?> patchItems, List<JsonNode?> order, string? mergeKey)
    {
        if (order.Count == 0 || patchItems.Count == 0)
        {
            return;
        }

        var items = patchItems;
        if (mergeKey is not null)
        {
            var notMap = items.FindIndex(i => i is not JsonObject);
            if (notMap >= 0)
            {
                throw SmpErrors.ExpectedMap(items[notMap]);
            }

            items = items.Where(i => !SmpDirectives.IsDirective(i![SmpDirectives.Patch], SmpDirectives.Delete)).ToList();
        }

        int p = 0, o = 0;
        while (p < items.Count && o < order.Count)
        {
            if (items[p] is JsonObject map && map.ContainsKey(SmpDirectives.Patch))
            {
                p++;
                continue;
            }

            if (KeyEquals(items[p], order[o], mergeKey))
            {
                p++;
            }

            o++;
        }

        if (p < items.Count && o >= order.Count)
        {
            throw SmpErrors.Other(
                $"The order in patch list:\n{GoFormat.List(patchItems)}\n doesn't match "
                + $"{SmpDirectives.SetElementOrder} list:\n{GoFormat.List(order)}\n");
        }
    }

    private static bool KeyEquals(JsonNode? left, JsonNode? right, string? mergeKey)
    {
        if (mergeKey is null)
        {
            return JsonValues.ScalarEquals(left, right);
        }

        if (left is not JsonObject l)
        {
            throw SmpErrors.ExpectedMap(left);
        }

        if (right is not JsonObject r)
        {
            throw SmpErrors.ExpectedMap(right);
        }

        if (!l.TryGetPropertyValue(mergeKey, out var lv))
        {
            throw SmpErrors.NoMergeKey(l, mergeKey);
        }

        if (!r.TryGetPropertyValue(mergeKey, out var rv))
        {
            throw SmpErrors.NoMergeKey(r, mergeKey);
        }

        return JsonValues.ScalarEquals(lv, rv);
    }
}
