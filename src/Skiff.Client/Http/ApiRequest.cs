using System.Net;

namespace Skiff.Client.Http;

/// <summary>
/// Requests sent on the KubernetesClient's HttpClient. They ask for HTTP/2 as its generated methods do: a new
/// HttpRequestMessage defaults to HTTP/1.1, which costs every long-lived watch a TLS connection of its own.
/// </summary>
public static class ApiRequest
{
    public static HttpRequestMessage Create(HttpMethod method, Uri uri) => new(method, uri)
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };
}
