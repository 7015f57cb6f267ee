namespace Skiff.Api.Validation;

/// <summary>Why a field is invalid; each maps one-to-one to a Status cause reason.</summary>
public enum FieldErrorType
{
    NotFound,
    Required,
    Duplicate,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
    TypeInvalid,
}
