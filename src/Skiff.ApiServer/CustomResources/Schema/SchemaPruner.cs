using System.Text.Json.Nodes;

namespace Skiff.ApiServer.CustomResources.Schema;

/// <summary>
/// Drops the fields a structural schema does not specify, as upstream prunes custom objects before
/// they are stored; x-kubernetes-preserve-unknown-fields keeps them. Returns the paths it dropped,
/// which strict field validation reports as unknown fields.
/// </summary>
internal static class SchemaPruner
{
    private static readonly HashSet<string> ResourceFields = ["apiVersion", "kind", "metadata"];

    public static IReadOnlyList<string> PruneObject(StructuralSchema schema, JsonObject obj)
    {
        var pruned = new List<string>();
        PruneObjectNode(schema, obj, string.Empty, pruned, resourceRoot: true);
        return pruned;
    }

    private static void Prune(StructuralSchema? schema, JsonNode? node, string path, List<string> pruned)
    {
        switch (node)
        {
            case JsonObject obj when schema is not null:
                PruneObjectNode(schema, obj, path, pruned, schema.EmbeddedResource);
                break;
            case JsonArray array when schema?.Items is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    Prune(items, array[i], SchemaPath.Index(path, i), pruned);
                }

                break;
        }
    }

    private static void PruneObjectNode(StructuralSchema schema, JsonObject obj, string path, List<string> pruned, bool resourceRoot)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var childPath = SchemaPath.Child(path, key);
            if (schema.Property(key) is { } declared)
            {
                Prune(declared, obj[key], childPath, pruned);
            }
            else if (schema.AdditionalProperties is { } values)
            {
                Prune(values, obj[key], childPath, pruned);
            }
            else if (resourceRoot && ResourceFields.Contains(key))
            {
                // Every resource keeps its type and metadata, declared or not.
            }
            else if (!schema.PreserveUnknownFields && !schema.AdditionalPropertiesAllowed && !schema.IntOrString)
            {
                obj.Remove(key);
                pruned.Add(childPath);
            }
        }
    }
}
