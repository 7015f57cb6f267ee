using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// RFC 7386 JSON Merge Patch (<c>application/merge-patch+json</c>): null deletes, objects merge recursively,
/// anything else replaces. Like upstream, nulls inside a value that lands where no object was are pruned from
/// nested objects but kept as array items.
/// </summary>
internal static class MergePatch
{
    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> in place.</summary>
    public static void Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (key, patchValue) in patch.ToList())
        {
            if (patchValue is null)
            {
                target.Remove(key);
                continue;
            }

            if (target[key] is JsonObject current)
            {
                if (patchValue is JsonObject patchObject)
                {
                    Apply(current, patchObject);
                }
                else
                {
                    // Upstream prunes nulls only from values that land where no object was.
                    target[key] = patchValue.DeepClone();
                }

                continue;
            }

            target[key] = SmpDirectives.CopyWithoutNulls(patchValue);
        }
    }
}
