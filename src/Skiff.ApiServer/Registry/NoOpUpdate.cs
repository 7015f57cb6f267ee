using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// Whether an update leaves the object as it is, with <see cref="JsonNode.DeepEquals"/>'s answer, in an order that
/// finds the usual difference first. A binding or a status write differs in spec or status, but the whole-object
/// comparison reached metadata first and walked the managedFields of both (the largest part of a pod's metadata,
/// which makes the stored object build its nodes just to be compared) before it got there.
/// </summary>
internal static class NoOpUpdate
{
    public static bool Is(JsonObject desired, JsonObject live)
    {
        if (desired.Count != live.Count)
        {
            return false;
        }

        foreach (var (name, value) in desired)
        {
            if (name != "metadata" && !Same(value, live, name))
            {
                return false;
            }
        }

        if (!desired.TryGetPropertyValue("metadata", out var metaNode))
        {
            return true;
        }

        if (metaNode is not JsonObject meta || live["metadata"] is not JsonObject liveMeta)
        {
            return Same(metaNode, live, "metadata");
        }

        if (meta.Count != liveMeta.Count)
        {
            return false;
        }

        foreach (var (name, value) in meta)
        {
            if (name != "managedFields" && !Same(value, liveMeta, name))
            {
                return false;
            }
        }

        return !meta.TryGetPropertyValue("managedFields", out var fields) || Same(fields, liveMeta, "managedFields");
    }

    private static bool Same(JsonNode? value, JsonObject other, string name) =>
        other.TryGetPropertyValue(name, out var otherValue) && JsonNode.DeepEquals(value, otherValue);
}
