using System.Text.Json.Nodes;
using Skiff.Api.Catalog;
using Skiff.Api.Validation;
using Skiff.ApiServer.Admission;
using Skiff.ApiServer.CustomResources.Schema;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.CustomResources;

/// <summary>
/// What upstream does to a custom object on its way in: unknown fields pruned, schema defaults applied,
/// then the object validated against its version's schema. The name must be a DNS subdomain.
/// </summary>
public sealed class CustomResourceAdmission : IAdmission
{
    private readonly CustomResourceVersions _versions;

    public CustomResourceAdmission(CustomResourceVersions versions)
    {
        _versions = versions;
    }

    public void Default(ResourceInfo resource, JsonObject obj, string subresource)
    {
        if (_versions.Find(resource) is not { } version)
        {
            return;
        }

        // Objects are stored at the storage version whatever version they were written at; reads convert back.
        if (resource.StorageVersion.Length > 0 && obj.ContainsKey("apiVersion"))
        {
            obj["apiVersion"] = $"{resource.Group}/{resource.StorageVersion}";
        }

        if (version.Schema is not { } schema)
        {
            return;
        }

        SchemaPruner.PruneObject(schema, obj);
        SchemaDefaulter.Apply(schema, obj);
    }

    public IReadOnlyList<StatusCause> Validate(ResourceInfo resource, JsonObject obj, JsonObject? old)
    {
        if (_versions.Find(resource) is not { } version)
        {
            return [];
        }

        var errors = new List<FieldError>();
        var name = Registry.Json.Name(obj);
        if (name.Length > 0)
        {
            errors.AddRange(NameValidation.IsDns1123Subdomain(name).Select(p => FieldError.Invalid("metadata.name", name, p)));
        }

        if (version.Schema is { } schema)
        {
            errors.AddRange(SchemaValidator.ValidateObject(schema, obj));
        }

        return errors.Select(e => new StatusCause(e.Reason, e.Message, e.Field)).ToList();
    }
}
