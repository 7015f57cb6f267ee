using System.Text.Json.Nodes;
using Skiff.Api.Validation;

namespace Skiff.ApiServer.CustomResources.Schema;

/// <summary>
/// The rules that make an openAPIV3Schema structural, which apiextensions.k8s.io/v1 requires: every
/// specified field has a type, objects are either structs or maps, and the few OpenAPI features
/// Kubernetes does not support are refused. Messages and paths are upstream's.
/// </summary>
internal static class StructuralSchemaCheck
{
    private static readonly (string Key, string Message)[] Unsupported =
    [
        ("id", "id is not supported"),
        ("$ref", "$ref is not supported"),
        ("additionalItems", "additionalItems is not supported"),
        ("patternProperties", "patternProperties is not supported"),
        ("definitions", "definitions is not supported"),
        ("dependencies", "dependencies is not supported"),
    ];

    private enum Level
    {
        Root,
        Field,
        Item,
        ValueValidation,
    }

    public static IReadOnlyList<FieldError> Validate(JsonObject schema, string path)
    {
        var errors = new List<FieldError>();
        Check(schema, path, Level.Root, errors);
        if (schema["properties"]?["metadata"] is JsonObject metadata)
        {
            CheckMetadata(metadata, $"{path}.properties[metadata]", errors);
        }

        return errors;
    }

    private static void Check(JsonObject schema, string path, Level level, List<FieldError> errors)
    {
        var type = Str(schema, "type");
        var intOrString = Bool(schema, "x-kubernetes-int-or-string");
        var preserve = schema["x-kubernetes-preserve-unknown-fields"];
        var embedded = Bool(schema, "x-kubernetes-embedded-resource");

        foreach (var (key, message) in Unsupported)
        {
            if (schema.ContainsKey(key))
            {
                errors.Add(FieldError.Forbidden($"{path}.{key}", message));
            }
        }

        if (type == "null")
        {
            errors.Add(FieldError.Forbidden($"{path}.type", "type cannot be set to null"));
        }

        if (level == Level.Root)
        {
            if (type.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.type", "must not be empty at the root"));
            }
            else if (type != "object")
            {
                errors.Add(FieldError.Invalid($"{path}.type", type, "must be object at the root"));
            }
        }
        else if (level != Level.ValueValidation && type.Length == 0 && !intOrString && !IsTrue(preserve) && !embedded)
        {
            errors.Add(FieldError.Required($"{path}.type",
                level == Level.Item ? "must not be empty for specified array items" : "must not be empty for specified object fields"));
        }

        if (preserve is JsonValue p && p.TryGetValue<bool>(out var preserveValue) && !preserveValue)
        {
            errors.Add(FieldError.Invalid($"{path}.x-kubernetes-preserve-unknown-fields", false, "must be true or undefined"));
        }

        if (intOrString && type.Length > 0)
        {
            errors.Add(FieldError.Invalid($"{path}.type", type, "must be empty if x-kubernetes-int-or-string is true"));
        }

        if (embedded && type.Length > 0 && type != "object")
        {
            errors.Add(FieldError.Invalid($"{path}.type", type, "must be object if x-kubernetes-embedded-resource is true"));
        }

        if (Bool(schema, "uniqueItems"))
        {
            errors.Add(FieldError.Forbidden($"{path}.uniqueItems", "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        }

        if (schema["additionalProperties"] is { } additional && schema["properties"] is JsonObject { Count: > 0 }
            && (additional is JsonObject || (additional is JsonValue av && av.TryGetValue<bool>(out var allows) && !allows)))
        {
            errors.Add(FieldError.Forbidden($"{path}.additionalProperties", "additionalProperties and properties are mutual exclusive"));
        }

        if (type == "array" && schema["items"] is null && level != Level.ValueValidation)
        {
            errors.Add(FieldError.Required($"{path}.items", "must be specified"));
        }

        if (schema["items"] is JsonArray)
        {
            errors.Add(FieldError.Forbidden($"{path}.items", "items must be a schema object and not an array"));
        }

        var childLevel = level == Level.ValueValidation ? Level.ValueValidation : Level.Field;
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject c)
                {
                    Check(c, $"{path}.properties[{name}]", childLevel, errors);
                }
            }
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            Check(values, $"{path}.additionalProperties", childLevel, errors);
        }

        if (schema["items"] is JsonObject items)
        {
            Check(items, $"{path}.items", level == Level.ValueValidation ? Level.ValueValidation : Level.Item, errors);
        }

        foreach (var combinator in (string[])["allOf", "anyOf", "oneOf"])
        {
            if (schema[combinator] is JsonArray parts)
            {
                for (var i = 0; i < parts.Count; i++)
                {
                    if (parts[i] is JsonObject part)
                    {
                        Check(part, $"{path}.{combinator}[{i}]", Level.ValueValidation, errors);
                    }
                }
            }
        }

        if (schema["not"] is JsonObject not)
        {
            Check(not, $"{path}.not", Level.ValueValidation, errors);
        }
    }

    /// <summary>Upstream lets a schema restrict only metadata.name and metadata.generateName.</summary>
    private static void CheckMetadata(JsonObject metadata, string path, List<FieldError> errors)
    {
        var allowed = metadata.All(p => p.Key is "type" or "description" or "properties" or "nullable")
            && (metadata["properties"] is not JsonObject props || props.All(p => p.Key is "name" or "generateName"));
        if (!allowed)
        {
            errors.Add(FieldError.Forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified"));
        }
    }

    private static string Str(JsonObject json, string key) =>
        json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    private static bool Bool(JsonObject json, string key) => IsTrue(json[key]);

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
