using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using Skiff.ApiServer.CustomResources.Schema;

namespace Skiff.ApiServer.CustomResources;

/// <summary>
/// The essentials of upstream's CustomResourceDefinition validation for apiextensions.k8s.io/v1: the name,
/// group, scope, names, versions (one storage, at least one served, structural schemas), subresources and
/// printer columns, and the fields an update may not change. Paths and messages are upstream's.
/// </summary>
internal static class CrdValidation
{
    private static readonly string[] Scopes = ["Cluster", "Namespaced"];
    private static readonly string[] ColumnTypes = ["boolean", "date", "integer", "number", "string"];
    private static readonly string[] ColumnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"];

    public static IReadOnlyList<FieldError> Validate(JsonObject crd, JsonObject? old)
    {
        var errors = new List<FieldError>();
        var spec = crd["spec"] as JsonObject;
        var group = CrdJson.Str(spec, "group");
        var names = CrdNames.From(spec?["names"]);
        ValidateName(Registry.Json.Name(crd), names.Plural, group, errors);

        if (group.Length == 0)
        {
            errors.Add(FieldError.Required("spec.group"));
        }
        else if (NameValidation.IsDns1123Subdomain(group) is { Count: > 0 } problems)
        {
            errors.Add(FieldError.Invalid("spec.group", group, string.Join(",", problems)));
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(FieldError.Invalid("spec.group", group, "should be a domain with at least one dot"));
        }

        var scope = CrdJson.Str(spec, "scope");
        if (scope.Length == 0)
        {
            errors.Add(FieldError.Required("spec.scope"));
        }
        else if (!Scopes.Contains(scope))
        {
            errors.Add(FieldError.NotSupported("spec.scope", scope, Scopes));
        }

        ValidateVersions(spec?["versions"] as JsonArray, errors);
        ValidateRequiredNames(names, errors);
        ValidateNames(names, "spec.names", errors);
        ValidateConversion(spec?["conversion"] as JsonObject, errors);
        if (old is not null)
        {
            ValidateUpdate(crd, old, errors);
        }

        return errors;
    }

    /// <summary>What the status of a CRD must satisfy: accepted names well formed, stored versions known.</summary>
    public static IReadOnlyList<FieldError> ValidateStatus(JsonObject crd)
    {
        var errors = new List<FieldError>();
        if (crd["status"]?["acceptedNames"] is JsonObject accepted)
        {
            ValidateNames(CrdNames.From(accepted), "status.acceptedNames", errors);
        }

        return errors;
    }

    private static void ValidateName(string name, string plural, string group, List<FieldError> errors)
    {
        if (name.Length == 0)
        {
            return;
        }

        foreach (var problem in NameValidation.IsDns1123Subdomain(name))
        {
            errors.Add(FieldError.Invalid("metadata.name", name, problem));
        }

        if (name != $"{plural}.{group}")
        {
            errors.Add(FieldError.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }
    }

    private static void ValidateVersions(JsonArray? versions, List<FieldError> errors)
    {
        var list = versions?.OfType<JsonObject>().ToList() ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = true;
        for (var i = 0; i < list.Count; i++)
        {
            var version = list[i];
            var path = $"spec.versions[{i}]";
            var name = CrdJson.Str(version, "name");
            unique &= seen.Add(name);
            if (NameValidation.IsDns1035Label(name) is { Count: > 0 } problems)
            {
                errors.Add(FieldError.Invalid($"{path}.name", name, string.Join(",", problems)));
            }

            ValidateSchema(version, path, errors);
            ValidateSubresources(version["subresources"] as JsonObject, $"{path}.subresources", errors);
            if (version["additionalPrinterColumns"] is JsonArray columns)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    ValidateColumn(columns[c] as JsonObject, $"{path}.additionalPrinterColumns[{c}]", errors);
                }
            }
        }

        var value = (JsonNode?)versions?.DeepClone() ?? new JsonArray();
        if (!unique)
        {
            errors.Add(FieldError.Invalid("spec.versions", value, "must contain unique version names"));
        }

        if (list.Count(v => CrdJson.Bool(v, "storage")) != 1)
        {
            errors.Add(FieldError.Invalid("spec.versions", value, "must have exactly one version marked as storage version"));
        }

        if (list.Count > 0 && !list.Any(v => CrdJson.Bool(v, "served")))
        {
            errors.Add(FieldError.Invalid("spec.versions", value, "must have at least one version marked as served"));
        }
    }

    private static void ValidateSchema(JsonObject version, string path, List<FieldError> errors)
    {
        if (version["schema"]?["openAPIV3Schema"] is not JsonObject schema)
        {
            errors.Add(FieldError.Required($"{path}.schema.openAPIV3Schema", "schemas are required"));
            return;
        }

        errors.AddRange(StructuralSchemaCheck.Validate(schema, $"{path}.schema.openAPIV3Schema"));
    }

    private static void ValidateSubresources(JsonObject? subresources, string path, List<FieldError> errors)
    {
        if (subresources?["scale"] is not JsonObject scale)
        {
            return;
        }

        ValidateScalePath(scale, "specReplicasPath", ".spec.", path, errors, required: true);
        ValidateScalePath(scale, "statusReplicasPath", ".status.", path, errors, required: true);
        ValidateScalePath(scale, "labelSelectorPath", ".status.", path, errors, required: false);
    }

    private static void ValidateScalePath(JsonObject scale, string field, string under, string path, List<FieldError> errors, bool required)
    {
        var value = CrdJson.Str(scale, field);
        var fieldPath = $"{path}.scale.{field}";
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add(FieldError.Required(fieldPath));
            }

            return;
        }

        if (value[0] != '.')
        {
            errors.Add(FieldError.Invalid(fieldPath, value, "must be a simple json path starting with ."));
        }
        else if (!value.StartsWith(under, StringComparison.Ordinal))
        {
            errors.Add(FieldError.Invalid(fieldPath, value, $"should be a json path under {under.TrimEnd('.')}"));
        }
    }

    private static void ValidateColumn(JsonObject? column, string path, List<FieldError> errors)
    {
        if (CrdJson.Str(column, "name").Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.name"));
        }

        var type = CrdJson.Str(column, "type");
        if (type.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.type", $"must be one of {string.Join(",", ColumnTypes)}"));
        }
        else if (!ColumnTypes.Contains(type))
        {
            errors.Add(FieldError.Invalid($"{path}.type", type, $"must be one of {string.Join(",", ColumnTypes)}"));
        }

        var format = CrdJson.Str(column, "format");
        if (format.Length > 0 && !ColumnFormats.Contains(format))
        {
            errors.Add(FieldError.Invalid($"{path}.format", format, $"must be one of {string.Join(",", ColumnFormats)}"));
        }

        var jsonPath = CrdJson.Str(column, "jsonPath");
        if (jsonPath.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.jsonPath"));
        }
        else if (jsonPath[0] != '.')
        {
            errors.Add(FieldError.Invalid($"{path}.jsonPath", jsonPath, "must be a simple json path starting with ."));
        }
    }

    private static void ValidateRequiredNames(CrdNames names, List<FieldError> errors)
    {
        foreach (var (field, value) in (ReadOnlySpan<(string, string)>)[("plural", names.Plural), ("singular", names.Singular), ("kind", names.Kind), ("listKind", names.ListKind)])
        {
            if (value.Length == 0)
            {
                errors.Add(FieldError.Required($"spec.names.{field}"));
            }
        }
    }

    private static void ValidateNames(CrdNames names, string path, List<FieldError> errors)
    {
        CheckLabel(names.Plural, $"{path}.plural", names.Plural, string.Empty, errors);
        CheckLabel(names.Singular, $"{path}.singular", names.Singular, string.Empty, errors);
        CheckLabel(names.Kind.ToLowerInvariant(), $"{path}.kind", names.Kind, "may have mixed case, but should otherwise match: ", errors);
        CheckLabel(names.ListKind.ToLowerInvariant(), $"{path}.listKind", names.ListKind, "may have mixed case, but should otherwise match: ", errors);
        for (var i = 0; i < names.ShortNames.Count; i++)
        {
            CheckLabel(names.ShortNames[i], $"{path}.shortNames[{i}]", names.ShortNames[i], string.Empty, errors, evenEmpty: true);
        }

        if (names.Kind.Length > 0 && names.Kind == names.ListKind)
        {
            errors.Add(FieldError.Invalid($"{path}.listKind", names.ListKind, "kind and listKind may not be the same"));
        }

        for (var i = 0; i < names.Categories.Count; i++)
        {
            CheckLabel(names.Categories[i], $"{path}.categories[{i}]", names.Categories[i], string.Empty, errors, evenEmpty: true);
        }
    }

    private static void CheckLabel(string checkedValue, string path, string shownValue, string prefix, List<FieldError> errors, bool evenEmpty = false)
    {
        if ((checkedValue.Length > 0 || evenEmpty) && NameValidation.IsDns1035Label(checkedValue) is { Count: > 0 } problems)
        {
            errors.Add(FieldError.Invalid(path, shownValue, prefix + string.Join(",", problems)));
        }
    }

    private static void ValidateConversion(JsonObject? conversion, List<FieldError> errors)
    {
        if (conversion is null)
        {
            return;
        }

        var strategy = CrdJson.Str(conversion, "strategy");
        if (strategy.Length == 0)
        {
            errors.Add(FieldError.Required("spec.conversion.strategy"));
        }
        else if (strategy is not ("None" or "Webhook"))
        {
            errors.Add(FieldError.NotSupported("spec.conversion.strategy", strategy, ["None", "Webhook"]));
        }
        else if (strategy == "None" && conversion["webhook"] is not null)
        {
            errors.Add(FieldError.Forbidden("spec.conversion.webhook", "should not be set when strategy is not set to Webhook"));
        }
        else if (strategy == "Webhook" && conversion["webhook"]?["clientConfig"] is null)
        {
            errors.Add(FieldError.Required("spec.conversion.webhook", "required when strategy is set to Webhook"));
        }
    }

    private static void ValidateUpdate(JsonObject crd, JsonObject old, List<FieldError> errors)
    {
        Immutable(CrdJson.Group(crd), CrdJson.Group(old), "spec.group", errors);
        Immutable(CrdJson.Str(crd["spec"]?["names"], "plural"), CrdJson.Str(old["spec"]?["names"], "plural"), "spec.names.plural", errors);
        if (CrdConditions.IsTrue(old, CrdConditions.Established))
        {
            Immutable(CrdJson.Scope(crd), CrdJson.Scope(old), "spec.scope", errors);
            Immutable(CrdJson.Str(crd["spec"]?["names"], "kind"), CrdJson.Str(old["spec"]?["names"], "kind"), "spec.names.kind", errors);
        }
    }

    private static void Immutable(string value, string old, string path, List<FieldError> errors)
    {
        if (value != old)
        {
            errors.Add(FieldError.Invalid(path, value, "field is immutable"));
        }
    }
}
