using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Skiff.Bench.ApiServer;

/// <summary>The few API calls the benchmark makes, as raw JSON over the shared HttpClient.</summary>
internal sealed class KubeApi(HttpClient client)
{
    public HttpClient Client => client;

    public Task CreateNamespaceAsync(string name) =>
        SendAsync(HttpMethod.Post, "/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}""");

    /// <summary>Creates a small ConfigMap; returns its resourceVersion.</summary>
    public Task<string> CreateConfigMapAsync(string ns, string name, string value) =>
        SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", ConfigMap(name, value, resourceVersion: null));

    /// <summary>Replaces a ConfigMap (PUT) at <paramref name="resourceVersion"/>; returns the new one.</summary>
    public Task<string> UpdateConfigMapAsync(string ns, string name, string value, string resourceVersion) =>
        SendAsync(HttpMethod.Put, $"/api/v1/namespaces/{ns}/configmaps/{name}", ConfigMap(name, value, resourceVersion));

    public Task<string> GetConfigMapAsync(string ns, string name) => SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/{name}", body: null);

    public Task<string> ListConfigMapsAsync(string ns) => SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps", body: null);

    public Task CreatePodAsync(string ns, string name) =>
        SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","labels":{"app":"bench"}},"spec":{"containers":[{"name":"c","image":"busybox:1.36"}]}}""");

    /// <summary>Lists pods; returns how many came back.</summary>
    public Task<int> ListPodsAsync(string ns, string? resourceVersion) =>
        CountAsync($"/api/v1/namespaces/{ns}/pods{(resourceVersion is null ? string.Empty : $"?resourceVersion={resourceVersion}")}");

    public Task<int> CountConfigMapsAsync(string ns) => CountAsync($"/api/v1/namespaces/{ns}/configmaps");

    private async Task<int> CountAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await EnsureSuccessAsync(response);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var document = await JsonDocument.ParseAsync(stream);
        return document.RootElement.GetProperty("items").GetArrayLength();
    }

    private static string ConfigMap(string name, string value, string? resourceVersion)
    {
        var rv = resourceVersion is null ? string.Empty : $$$""","resourceVersion":"{{{resourceVersion}}}" """;
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"" + rv + "},\"data\":{\"key\":\"" + value + "\"}}";
    }

    /// <summary>Sends and returns metadata.resourceVersion of the response body.</summary>
    private async Task<string> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await client.SendAsync(request);
        await EnsureSuccessAsync(response);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? string.Empty;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
