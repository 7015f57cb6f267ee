using System.Text.Json.Nodes;
using Skiff.ApiServer.CustomResources.Schema;

namespace Skiff.ApiServer.CustomResources;

/// <summary>Reads and writes an autoscaling/v1 Scale through a CRD's specReplicasPath, statusReplicasPath and labelSelectorPath.</summary>
internal static class ScaleSubresource
{
    public static JsonObject ToScale(JsonObject obj, ScalePaths paths)
    {
        var meta = obj["metadata"] as JsonObject;
        var scaleMeta = new JsonObject();
        foreach (var field in (string[])["name", "namespace", "uid", "resourceVersion", "creationTimestamp"])
        {
            if (meta?[field] is { } value)
            {
                scaleMeta[field] = value.DeepClone();
            }
        }

        var spec = new JsonObject();
        var specReplicas = ReadInt(obj, paths.SpecReplicasPath);
        if (specReplicas != 0)
        {
            spec["replicas"] = specReplicas;
        }

        var status = new JsonObject { ["replicas"] = ReadInt(obj, paths.StatusReplicasPath) };
        if (paths.LabelSelectorPath is { } selectorPath && Read(obj, selectorPath) is JsonValue v && v.TryGetValue<string>(out var selector) && selector.Length > 0)
        {
            status["selector"] = selector;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = spec,
            ["status"] = status,
        };
    }

    /// <summary>Sets the desired replicas at specReplicasPath, creating the objects on the way.</summary>
    public static void SetReplicas(JsonObject obj, ScalePaths paths, long replicas)
    {
        var segments = Segments(paths.SpecReplicasPath);
        JsonObject current = obj;
        foreach (var segment in segments[..^1])
        {
            if (current[segment] is not JsonObject next)
            {
                next = new JsonObject();
                current[segment] = next;
            }

            current = next;
        }

        current[segments[^1]] = replicas;
    }

    public static JsonNode? Read(JsonObject obj, string path)
    {
        JsonNode? current = obj;
        foreach (var segment in Segments(path))
        {
            current = (current as JsonObject)?[segment];
        }

        return current;
    }

    private static long ReadInt(JsonObject obj, string path) =>
        JsonKinds.TryGetNumber(Read(obj, path), out var d) ? (long)d : 0;

    private static string[] Segments(string path) => path.TrimStart('.').Split('.');
}
