using System.Text.Json.Nodes;
using Skiff.Api.Validation;

namespace Skiff.ApiServer.CustomResources.Schema;

/// <summary>The checks on scalar values: lengths, patterns, bounds, multiples, formats and enums.</summary>
internal static class ValueRules
{
    public static void Validate(StructuralSchema schema, JsonNode value, string path, List<FieldError> errors)
    {
        var subject = SchemaPath.Subject(path);
        if (JsonKinds.TryGetString(value, out var text))
        {
            var length = text.EnumerateRunes().Count();
            if (schema.MaxLength is { } maxLength && length > maxLength)
            {
                errors.Add(FieldError.TooLong(path, text, (int)maxLength));
            }

            if (schema.MinLength is { } minLength && length < minLength)
            {
                errors.Add(FieldError.Invalid(path, text, $"{subject} should be at least {minLength} chars long"));
            }

            if (schema.PatternRegex is { } regex && !regex.IsMatch(text))
            {
                errors.Add(FieldError.Invalid(path, text, $"{subject} should match '{schema.Pattern}'"));
            }

            if (schema.Format.Length > 0 && !StringFormats.IsValid(schema.Format, text))
            {
                errors.Add(FieldError.TypeInvalid(path, text, $"{subject} must be of type {schema.Format}: {GoQuote.Quote(text)}"));
            }
        }
        else if (JsonKinds.TryGetNumber(value, out var number))
        {
            ValidateNumber(schema, value, number, path, subject, errors);
        }

        ValidateEnum(schema, value, path, errors);
    }

    public static void ValidateEnum(StructuralSchema schema, JsonNode value, string path, List<FieldError> errors)
    {
        if (schema.Enum is not { } allowed || allowed.Any(a => JsonNode.DeepEquals(a, value) || NumbersEqual(a, value)))
        {
            return;
        }

        errors.Add(FieldError.NotSupported(path, value, allowed.Select(JsonKinds.EnumText)));
    }

    private static void ValidateNumber(StructuralSchema schema, JsonNode value, double number, string path, string subject, List<FieldError> errors)
    {
        if (schema.Maximum is { } max)
        {
            if (schema.ExclusiveMaximum ? number >= max : number > max)
            {
                var phrase = schema.ExclusiveMaximum ? "less than" : "less than or equal to";
                errors.Add(FieldError.Invalid(path, value, $"{subject} should be {phrase} {GoFloat.Format(max)}"));
            }
        }

        if (schema.Minimum is { } min)
        {
            if (schema.ExclusiveMinimum ? number <= min : number < min)
            {
                var phrase = schema.ExclusiveMinimum ? "greater than" : "greater than or equal to";
                errors.Add(FieldError.Invalid(path, value, $"{subject} should be {phrase} {GoFloat.Format(min)}"));
            }
        }

        if (schema.MultipleOf is { } factor && factor > 0)
        {
            var quotient = number / factor;
            if (Math.Abs(quotient - Math.Round(quotient)) > 1e-9)
            {
                errors.Add(FieldError.Invalid(path, value, $"{subject} should be a multiple of {GoFloat.Format(factor)}"));
            }
        }
    }

    private static bool NumbersEqual(JsonNode? a, JsonNode? b) =>
        JsonKinds.TryGetNumber(a, out var x) && JsonKinds.TryGetNumber(b, out var y) && x == y;
}
