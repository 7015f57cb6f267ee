namespace Skiff.Controllers.Dynamic;

/// <summary>A non-success answer of the API server, with the Status reason and message it sent.</summary>
public sealed class ApiStatusException(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public bool IsNotFound => Code == 404;

    public bool IsConflict => Code == 409;

    public bool IsMethodNotSupported => Code == 405;
}
