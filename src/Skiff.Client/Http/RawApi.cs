using System.Net;
using System.Text;
using System.Text.Json;
using k8s;

namespace Skiff.Client.Http;

/// <summary>
/// Plain HTTP over the KubernetesClient's configured HttpClient (its TLS and credentials), for requests the generated
/// methods cannot express for any group, version and resource alike.
/// </summary>
public sealed class RawApi
{
    private readonly HttpClient _http;
    private readonly Uri _base;

    public RawApi(IKubernetes client)
    {
        _http = client is Kubernetes k
            ? k.HttpClient
            : throw new ArgumentException("the client runtime needs a k8s.Kubernetes client", nameof(client));
        var text = client.BaseUri.ToString();
        _base = new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>Sends a GET and returns the response once its headers arrived; throws <see cref="ApiError"/> on failure.</summary>
    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var request = ApiRequest.Create(HttpMethod.Get, new Uri(_base, pathAndQuery.TrimStart('/')));
        return await SendAsync(request, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a body (a PUT, a PATCH) and returns the response once its headers arrived; throws <see cref="ApiError"/>
    /// on failure. For writes whose answer the caller reads only in part, if at all.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, string contentType, CancellationToken ct)
    {
        using var request = ApiRequest.Create(method, new Uri(_base, path.TrimStart('/')));
        request.Content = new StringContent(body, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue(contentType));
        return await SendAsync(request, ct).ConfigureAwait(false);
    }

    public async Task<JsonDocument> GetJsonAsync(string pathAndQuery, CancellationToken ct)
    {
        using var response = await GetAsync(pathAndQuery, ct).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, default, ct).ConfigureAwait(false);
        }
    }

    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(WebUtility.UrlEncode(value));
        }

        return builder.ToString();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Accept.ParseAdd("application/json");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw ApiError.From(response.StatusCode, await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
        }
    }
}
