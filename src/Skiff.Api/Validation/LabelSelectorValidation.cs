using System.Text.Json.Nodes;

namespace Skiff.Api.Validation;

/// <summary>Upstream's validation of a metav1.LabelSelector inside an object (spec.selector and the like).</summary>
public static class LabelSelectorValidation
{
    public static List<FieldError> Validate(JsonNode? selector, string path)
    {
        var errors = new List<FieldError>();
        if (selector is not JsonObject json)
        {
            return errors;
        }

        if (json["matchLabels"] is JsonObject matchLabels)
        {
            var labels = matchLabels.ToDictionary(kv => kv.Key, kv => (string?)kv.Value ?? string.Empty);
            errors.AddRange(ObjectMetaValidation.ValidateLabels(labels, path + ".matchLabels"));
        }

        if (json["matchExpressions"] is JsonArray expressions)
        {
            for (var i = 0; i < expressions.Count; i++)
            {
                if (expressions[i] is JsonObject expression)
                {
                    errors.AddRange(ValidateRequirement(expression, $"{path}.matchExpressions[{i}]"));
                }
            }
        }

        return errors;
    }

    private static IEnumerable<FieldError> ValidateRequirement(JsonObject expression, string path)
    {
        var op = (string?)expression["operator"] ?? string.Empty;
        var values = expression["values"] is JsonArray array ? array.Select(v => (string?)v ?? string.Empty).ToList() : [];
        switch (op)
        {
            case "In" or "NotIn" when values.Count == 0:
                yield return FieldError.Required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
                break;
            case "Exists" or "DoesNotExist" when values.Count > 0:
                yield return FieldError.Forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                break;
            case "In" or "NotIn" or "Exists" or "DoesNotExist":
                break;
            default:
                yield return FieldError.Invalid(path + ".operator", op, "not a valid selector operator");
                break;
        }

        var key = (string?)expression["key"] ?? string.Empty;
        foreach (var message in NameValidation.IsQualifiedName(key))
        {
            yield return FieldError.Invalid(path + ".key", key, message);
        }

        for (var i = 0; i < values.Count; i++)
        {
            foreach (var message in NameValidation.IsValidLabelValue(values[i]))
            {
                yield return FieldError.Invalid($"{path}.values[{i}]", values[i], message);
            }
        }
    }
}
