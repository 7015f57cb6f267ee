using System.Text.Json.Nodes;
using k8s;

namespace Skiff.Controllers.Deployment;

/// <summary>
/// One spelling per value: keys sorted, nulls and empty lists and maps dropped. Upstream compares templates with a
/// semantic equality that treats nil and empty collections alike; comparing this text does the same.
/// </summary>
internal static class CanonicalJson
{
    public static string Of(object? model) =>
        Of(model is null ? null : JsonNode.Parse(KubernetesJson.Serialize(model)));

    public static string Of(JsonNode? node) => Normalize(node)?.ToJsonString() ?? "null";

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (Normalize(value) is { } normalized)
                    {
                        result[key] = normalized;
                    }
                }

                return result.Count == 0 ? null : result;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(Normalize(item) ?? new JsonObject());
                }

                return items.Count == 0 ? null : items;
            case null:
                return null;
            default:
                return node.DeepClone();
        }
    }
}
