using System.Text.Json.Nodes;
using Skiff.Api.Validation;

namespace Skiff.ApiServer.CustomResources.Schema;

/// <summary>allOf, anyOf, oneOf and not: value validations that structural schemas allow besides the main one.</summary>
internal static class CombinedSchemas
{
    public static void Validate(StructuralSchema schema, JsonNode? value, string path, List<FieldError> errors)
    {
        var subject = SchemaPath.Subject(path);
        foreach (var part in schema.AllOf)
        {
            errors.AddRange(SchemaValidator.Validate(part, value, path));
        }

        if (schema.AnyOf.Count > 0 && !schema.AnyOf.Any(s => SchemaValidator.Validate(s, value, path).Count == 0))
        {
            errors.Add(FieldError.Invalid(path, value, $"{subject} must validate at least one schema (anyOf)"));
        }

        if (schema.OneOf.Count > 0 && schema.OneOf.Count(s => SchemaValidator.Validate(s, value, path).Count == 0) != 1)
        {
            errors.Add(FieldError.Invalid(path, value, $"{subject} must validate one and only one schema (oneOf)"));
        }

        if (schema.Not is { } not && SchemaValidator.Validate(not, value, path).Count == 0)
        {
            errors.Add(FieldError.Invalid(path, value, $"{subject} must not validate the schema (not)"));
        }
    }
}
