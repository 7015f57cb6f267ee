using System.Text.Json.Nodes;

namespace Skiff.ApiServer.CustomResources;

/// <summary>RFC 7386 JSON merge patch, for PATCH of a Scale (which has no model for the patch engines).</summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (Schema.JsonKinds.IsNull(value))
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Apply(result[key], value);
            }
        }

        return result;
    }
}
