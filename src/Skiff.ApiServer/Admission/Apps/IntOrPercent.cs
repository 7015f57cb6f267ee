using System.Globalization;
using System.Text.Json.Nodes;
using Skiff.Api.Validation;

namespace Skiff.ApiServer.Admission.Apps;

/// <summary>An IntOrString that must be a non-negative count or a percentage, as rolling update limits are.</summary>
internal static class IntOrPercent
{
    /// <summary>Returns the number (or the percent) for further checks; null when absent or invalid.</summary>
    public static long? Check(JsonNode? value, string field, List<FieldError> errors)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonValue v when JsonFields.AsLong(v) is { } n:
                if (n < 0)
                {
                    errors.Add(FieldError.Invalid(field, n, "must be greater than or equal to 0"));
                    return null;
                }

                return n;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (!s.EndsWith('%') || !long.TryParse(s[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
                {
                    errors.Add(FieldError.Invalid(field, s, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
                    return null;
                }

                return percent;
            default:
                return null;
        }
    }
}
