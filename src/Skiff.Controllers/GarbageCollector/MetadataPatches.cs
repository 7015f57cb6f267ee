using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skiff.Client.Informers;

namespace Skiff.Controllers.GarbageCollector;

/// <summary>
/// JSON patches (RFC 6902) the collector writes. Each starts with tests of uid and resourceVersion, so the patch
/// applies only to the version the decision was made on; a changed object fails it and the item is retried.
/// </summary>
public static class MetadataPatches
{
    public static string SetOwnerReferences(PartialObject latest, IReadOnlyList<V1OwnerReference> owners)
    {
        var ops = Preconditions(latest);
        ops.Add(owners.Count == 0
            ? Op("remove", "/metadata/ownerReferences")
            : Op("replace", "/metadata/ownerReferences", JsonNode.Parse(KubernetesJson.Serialize(owners))));
        return ops.ToJsonString();
    }

    public static string RemoveFinalizer(PartialObject latest, string finalizer)
    {
        var ops = Preconditions(latest);
        var rest = (latest.Metadata.Finalizers ?? []).Where(f => f != finalizer).ToList();
        ops.Add(rest.Count == 0
            ? Op("remove", "/metadata/finalizers")
            : Op("replace", "/metadata/finalizers", new JsonArray([.. rest.Select(f => (JsonNode)JsonValue.Create(f))])));
        return ops.ToJsonString();
    }

    private static JsonArray Preconditions(PartialObject latest) =>
    [
        Op("test", "/metadata/uid", JsonValue.Create(latest.Metadata.Uid)),
        Op("test", "/metadata/resourceVersion", JsonValue.Create(latest.Metadata.ResourceVersion)),
    ];

    private static JsonObject Op(string op, string path, JsonNode? value = null)
    {
        var node = new JsonObject { ["op"] = op, ["path"] = path };
        if (value is not null)
        {
            node["value"] = value;
        }

        return node;
    }
}
