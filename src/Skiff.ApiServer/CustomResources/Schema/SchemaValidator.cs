using System.Text.Json.Nodes;
using Skiff.Api.Validation;

namespace Skiff.ApiServer.CustomResources.Schema;

/// <summary>
/// Validates a custom object against its version's structural schema, with the causes, field paths and
/// messages upstream's OpenAPI validator produces ("spec.replicas in body should be greater than or equal to 1").
/// </summary>
internal static class SchemaValidator
{
    /// <summary>Validates a whole custom object; apiVersion, kind and metadata are checked elsewhere unless the schema names them.</summary>
    public static IReadOnlyList<FieldError> ValidateObject(StructuralSchema schema, JsonObject obj)
    {
        var errors = new List<FieldError>();
        ValidateObjectNode(schema, obj, string.Empty, errors, resourceRoot: true);
        return errors;
    }

    public static IReadOnlyList<FieldError> Validate(StructuralSchema schema, JsonNode? value, string path)
    {
        var errors = new List<FieldError>();
        ValidateNode(schema, value, path, errors);
        return errors;
    }

    private static void ValidateNode(StructuralSchema schema, JsonNode? value, string path, List<FieldError> errors)
    {
        if (JsonKinds.IsNull(value))
        {
            if (!schema.Nullable && (schema.Type.Length > 0 || schema.IntOrString))
            {
                var expected = schema.IntOrString ? "integer,string" : schema.Type;
                errors.Add(FieldError.TypeInvalid(path, "null", $"{SchemaPath.Subject(path)} must be of type {expected}: \"null\""));
            }

            return;
        }

        if (!TypeMatches(schema, value))
        {
            var expected = schema.IntOrString ? "integer,string" : schema.Type;
            var actual = JsonKinds.TypeName(value);
            errors.Add(FieldError.TypeInvalid(path, actual, $"{SchemaPath.Subject(path)} must be of type {expected}: \"{actual}\""));
            return;
        }

        CombinedSchemas.Validate(schema, value, path, errors);
        switch (value)
        {
            case JsonObject obj:
                ValidateObjectNode(schema, obj, path, errors, resourceRoot: false);
                break;
            case JsonArray array:
                ValidateArray(schema, array, path, errors);
                break;
            default:
                ValueRules.Validate(schema, value!, path, errors);
                break;
        }
    }

    private static bool TypeMatches(StructuralSchema schema, JsonNode? value)
    {
        if (schema.IntOrString)
        {
            return JsonKinds.IsInteger(value) || JsonKinds.TryGetString(value, out _);
        }

        var actual = JsonKinds.TypeName(value);
        return schema.Type switch
        {
            "" => true,
            "number" => actual is "number" or "integer",
            _ => schema.Type == actual,
        };
    }

    private static void ValidateObjectNode(StructuralSchema schema, JsonObject obj, string path, List<FieldError> errors, bool resourceRoot)
    {
        if (schema.MaxProperties is { } max && obj.Count > max)
        {
            errors.Add(FieldError.TooMany(path, obj.Count, (int)max));
        }

        if (schema.MinProperties is { } min && obj.Count < min)
        {
            errors.Add(FieldError.Invalid(path, obj.Count, $"{SchemaPath.Subject(path)} should have at least {min} properties"));
        }

        foreach (var required in schema.Required)
        {
            if (!obj.ContainsKey(required))
            {
                errors.Add(FieldError.Required(SchemaPath.Child(path, required)));
            }
        }

        if (schema.EmbeddedResource)
        {
            foreach (var field in (string[])["apiVersion", "kind"])
            {
                if (!JsonKinds.TryGetString(obj[field], out var s) || s.Length == 0)
                {
                    errors.Add(FieldError.Required(SchemaPath.Child(path, field), "must not be empty"));
                }
            }
        }

        ValueRules.ValidateEnum(schema, obj, path, errors);
        foreach (var (key, value) in obj)
        {
            var childPath = SchemaPath.Child(path, key);
            var declared = schema.Property(key);
            if (declared is not null)
            {
                ValidateNode(declared, value, childPath, errors);
            }
            else if (schema.AdditionalProperties is { } values && !(resourceRoot && key is "apiVersion" or "kind" or "metadata"))
            {
                ValidateNode(values, value, childPath, errors);
            }
        }
    }

    private static void ValidateArray(StructuralSchema schema, JsonArray array, string path, List<FieldError> errors)
    {
        if (schema.MaxItems is { } max && array.Count > max)
        {
            errors.Add(FieldError.TooMany(path, array.Count, (int)max));
        }

        if (schema.MinItems is { } min && array.Count < min)
        {
            errors.Add(FieldError.Invalid(path, array.Count, $"{SchemaPath.Subject(path)} should have at least {min} items"));
        }

        ValueRules.ValidateEnum(schema, array, path, errors);
        if (schema.Items is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                ValidateNode(items, array[i], SchemaPath.Index(path, i), errors);
            }
        }
    }
}
