using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Admission;

/// <summary>The checks every object gets: a name, immutable identity, and metadata maps of strings.</summary>
public sealed class MetadataAdmission : IAdmission
{
    public void Default(ResourceInfo resource, JsonObject obj)
    {
    }

    public IReadOnlyList<StatusCause> Validate(ResourceInfo resource, JsonObject obj, JsonObject? old)
    {
        var causes = new List<StatusCause>();
        var meta = obj["metadata"] as JsonObject;
        var name = Registry.Json.Str(meta, "name");
        if (name.Length == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
        }

        foreach (var map in (string[])["labels", "annotations"])
        {
            if (meta?[map] is JsonObject entries)
            {
                foreach (var (key, value) in entries)
                {
                    if (value is not JsonValue v || !v.TryGetValue<string>(out _))
                    {
                        causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: must be a string", $"metadata.{map}.{key}"));
                    }
                }
            }
            else if (meta?[map] is not null)
            {
                causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: must be a map of strings", $"metadata.{map}"));
            }
        }

        return causes;
    }
}
