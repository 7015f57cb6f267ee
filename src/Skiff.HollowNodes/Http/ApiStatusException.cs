using System.Net;

namespace Skiff.HollowNodes.Http;

/// <summary>A write the API server refused, with its status code and the Status body it sent.</summary>
internal sealed class ApiStatusException(HttpStatusCode status, string body)
    : Exception($"the API server answered {(int)status} {status}: {body}")
{
    public HttpStatusCode Status { get; } = status;
}
