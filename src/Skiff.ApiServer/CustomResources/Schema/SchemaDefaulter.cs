using System.Text.Json.Nodes;

namespace Skiff.ApiServer.CustomResources.Schema;

/// <summary>
/// Applies schema defaults: a missing property (or a null one that may not be null) takes its default,
/// and defaulting continues inside what was just set, as upstream's structural defaulting does.
/// </summary>
internal static class SchemaDefaulter
{
    public static void Apply(StructuralSchema schema, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, property) in schema.Properties)
                {
                    if (property.Default is null)
                    {
                        continue;
                    }

                    if (!obj.TryGetPropertyValue(name, out var current) || (JsonKinds.IsNull(current) && !property.Nullable))
                    {
                        obj[name] = property.Default.DeepClone();
                    }
                }

                foreach (var (key, value) in obj.ToList())
                {
                    if (schema.Property(key) is { } declared)
                    {
                        Apply(declared, value);
                    }
                    else if (schema.AdditionalProperties is { } values)
                    {
                        Apply(values, value);
                    }
                }

                break;
            case JsonArray array when schema.Items is { } items:
                foreach (var item in array)
                {
                    Apply(items, item);
                }

                break;
        }
    }
}
