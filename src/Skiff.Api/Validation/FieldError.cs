using System.Globalization;
using System.Text.Json.Nodes;

namespace Skiff.Api.Validation;

/// <summary>
/// One field-level validation failure. <see cref="Reason"/>, <see cref="Field"/> and
/// <see cref="Message"/> are what a Status cause carries; <see cref="ToString"/> is the line
/// upstream puts in the Status message ("metadata.name: Required value: ...").
/// </summary>
public sealed record FieldError(FieldErrorType Type, string Field, object? BadValue, string Detail)
{
    public static FieldError Required(string field, string detail = "") => new(FieldErrorType.Required, field, string.Empty, detail);

    public static FieldError Invalid(string field, object? value, string detail) => new(FieldErrorType.Invalid, field, value, detail);

    public static FieldError Duplicate(string field, object? value) => new(FieldErrorType.Duplicate, field, value, string.Empty);

    public static FieldError NotFound(string field, object? value) => new(FieldErrorType.NotFound, field, value, string.Empty);

    public static FieldError Forbidden(string field, string detail) => new(FieldErrorType.Forbidden, field, string.Empty, detail);

    public static FieldError NotSupported(string field, object? value, IEnumerable<string> supported)
    {
        var quoted = supported.Select(GoQuote.Quote).ToList();
        return new(FieldErrorType.NotSupported, field, value, quoted.Count == 0 ? string.Empty : "supported values: " + string.Join(", ", quoted));
    }

    public static FieldError TooLong(string field, object? value, int maxLength) =>
        new(FieldErrorType.TooLong, field, value, maxLength switch
        {
            < 0 => "value is too long",
            1 => "may not be more than 1 byte",
            _ => $"may not be more than {maxLength} bytes",
        });

    public static FieldError TooMany(string field, int actual, int max) =>
        new(FieldErrorType.TooMany, field, actual, max >= 0 ? $"must have at most {max} items" : "has too many items");

    public static FieldError Internal(string field, string detail) => new(FieldErrorType.Internal, field, null, detail);

    public static FieldError TypeInvalid(string field, object? value, string detail) => new(FieldErrorType.TypeInvalid, field, value, detail);

    /// <summary>The Status cause reason, e.g. "FieldValueInvalid".</summary>
    public string Reason => Type switch
    {
        FieldErrorType.NotFound => "FieldValueNotFound",
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.Internal => "InternalError",
        FieldErrorType.TypeInvalid => "FieldValueTypeInvalid",
        _ => throw new ArgumentOutOfRangeException(nameof(Type)),
    };

    /// <summary>The human phrase for the type, e.g. "Invalid value".</summary>
    public string TypeText => Type switch
    {
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Required => "Required value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Invalid or FieldErrorType.TypeInvalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.Internal => "Internal error",
        _ => throw new ArgumentOutOfRangeException(nameof(Type)),
    };

    /// <summary>The message without the field: what a Status cause's "message" holds.</summary>
    public string Message
    {
        get
        {
            // Upstream leaves the value out for these types, even when one was given.
            var text = Type is FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong or FieldErrorType.Internal
                ? TypeText
                : $"{TypeText}: {FormatValue(BadValue)}";
            return Detail.Length == 0 ? text : $"{text}: {Detail}";
        }
    }

    public override string ToString() => $"{Field}: {Message}";

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => GoQuote.Quote(s),
        bool b => b ? "true" : "false",
        JsonValue v when v.TryGetValue<string>(out var s) => GoQuote.Quote(s),
        JsonNode n => n.ToJsonString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
