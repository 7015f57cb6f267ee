namespace Skiff.Controllers.Deployment;

/// <summary>A write the API server refused, with the HTTP status code, Status reason and message it answered.</summary>
internal sealed class ApiCallException(int statusCode, string reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;

    public string Reason { get; } = reason;
}
