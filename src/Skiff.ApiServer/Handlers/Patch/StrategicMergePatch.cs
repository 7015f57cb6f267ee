using System.Text.Json.Nodes;
using Skiff.Api.Schema;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for built-in types, as upstream's
/// apimachinery strategicpatch package applies it on the server: lists merge by their declared merge key, primitive
/// merge lists merge as sets, and the <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/…</c> and
/// <c>$deleteFromPrimitiveList/…</c> directives are honoured. Fields the model does not know merge like a JSON merge
/// patch (objects recursively, lists replaced).
/// </summary>
internal static class StrategicMergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="original"/>, which may be changed in place; the patch is
    /// the caller's own (decoded for this call) and its directives are taken out of it as they apply.
    /// </summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch, ModelSchema schema) =>
        MergeObject(original, patch, SmpSchema.Of(schema));

    internal static JsonObject MergeObject(JsonObject? original, JsonObject patch, SmpSchema schema)
    {
        if (patch.TryGetPropertyValue(SmpDirectives.Patch, out var directive))
        {
            return ObjectDirective(directive, patch);
        }

        original ??= [];
        ApplyRetainKeys(original, patch);
        ElementOrder.Apply(original, patch, schema);

        foreach (var (patchKey, patchValue) in patch.ToList())
        {
            var key = patchKey;
            var isDeleteList = SmpDirectives.HasPrefix(patchKey, SmpDirectives.DeleteFromPrimitiveList);
            if (isDeleteList)
            {
                key = SmpDirectives.FieldOf(patchKey, SmpDirectives.DeleteFromPrimitiveList);
            }

            if (patchValue is null)
            {
                original.Remove(key);
                continue;
            }

            if (!original.TryGetPropertyValue(key, out var originalValue) || !JsonValues.SameKind(originalValue, patchValue))
            {
                if (!isDeleteList)
                {
                    StoreCleanCopy(original, key, patchValue);
                }

                continue;
            }

            var (facts, child) = schema.Lookup(key);
            switch (originalValue)
            {
                case JsonObject originalObject:
                    var merged = facts.Strategy.HasFlag(PatchStrategy.Replace)
                        ? SmpDirectives.CopyWithoutNulls((JsonObject)patchValue)
                        : MergeObject(originalObject, (JsonObject)patchValue, child);
                    Store(original, key, merged);
                    break;
                case JsonArray originalList:
                    var list = facts.Strategy.HasFlag(PatchStrategy.Merge) || isDeleteList
                        ? StrategicListMerge.Merge(originalList, (JsonArray)patchValue, child, facts.MergeKey, isDeleteList)
                        : SmpDirectives.CopyWithoutNulls((JsonArray)patchValue);
                    Store(original, key, list);
                    break;
                default:
                    StoreCleanCopy(original, key, patchValue);
                    break;
            }
        }

        return original;
    }

    private static JsonObject ObjectDirective(JsonNode? directive, JsonObject patch)
    {
        if (SmpDirectives.IsDirective(directive, SmpDirectives.Replace))
        {
            patch.Remove(SmpDirectives.Patch);
            SmpDirectives.TryCleanCopy(patch, out var replacement);
            return (JsonObject)replacement!;
        }

        if (SmpDirectives.IsDirective(directive, SmpDirectives.Delete))
        {
            // Upstream leaves an empty object behind, not a missing field.
            return [];
        }

        throw SmpErrors.BadPatchType(directive, patch);
    }

    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(SmpDirectives.RetainKeys, out var retainKeys))
        {
            return;
        }

        patch.Remove(SmpDirectives.RetainKeys);
        if (retainKeys is not JsonArray list)
        {
            throw SmpErrors.BadRetainKeysFormat();
        }

        var retained = list
            .Where(item => item is JsonValue value && value.TryGetValue<string>(out _))
            .Select(item => item!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null || SmpDirectives.HasPrefix(key, SmpDirectives.DeleteFromPrimitiveList)
                || SmpDirectives.HasPrefix(key, SmpDirectives.SetElementOrder))
            {
                continue;
            }

            if (!retained.Contains(key))
            {
                throw SmpErrors.BadRetainKeysFormat();
            }
        }

        foreach (var key in original.Select(p => p.Key).Where(k => !retained.Contains(k)).ToList())
        {
            original.Remove(key);
        }
    }

    private static void StoreCleanCopy(JsonObject target, string key, JsonNode patchValue)
    {
        if (SmpDirectives.TryCleanCopy(patchValue, out var copy))
        {
            target[key] = copy;
        }
        else
        {
            target.Remove(key);
        }
    }

    private static void Store(JsonObject target, string key, JsonNode value)
    {
        if (!ReferenceEquals(target[key], value))
        {
            target[key] = value;
        }
    }
}
