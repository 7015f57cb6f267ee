using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.Api.Validation;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Admission;

/// <summary>
/// The checks every object gets: its name under the rule upstream applies to the resource, its namespace, and
/// label and annotation syntax and size.
/// </summary>
public sealed class MetadataAdmission : IAdmission
{
    public void Default(ResourceInfo resource, JsonObject obj, string subresource)
    {
    }

    public IReadOnlyList<StatusCause> Validate(ResourceInfo resource, JsonObject obj, JsonObject? old)
    {
        var errors = new List<FieldError>();
        var meta = obj["metadata"] as JsonObject;
        foreach (var map in (string[])["labels", "annotations"])
        {
            if (meta?[map] is JsonObject entries)
            {
                foreach (var (key, value) in entries)
                {
                    if (value is not JsonValue v || !v.TryGetValue<string>(out _))
                    {
                        errors.Add(FieldError.Invalid($"metadata.{map}.{key}", value, "must be a string"));
                    }
                }
            }
            else if (meta?[map] is not null)
            {
                errors.Add(FieldError.Invalid($"metadata.{map}", meta[map], "must be a map of strings"));
            }
        }

        if (errors.Count == 0)
        {
            var nameRule = NameRules.For(resource.StorageGroup ?? resource.Group, resource.Resource);
            errors.AddRange(ObjectMetaValidation.Validate(obj, resource.Namespaced, nameRule));
        }

        return Causes.From(errors);
    }
}
