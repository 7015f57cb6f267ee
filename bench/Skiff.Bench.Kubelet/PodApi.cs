using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Skiff.Bench.Kubelet;

/// <summary>The few API calls the benchmark makes, as raw JSON over the server's HttpClient.</summary>
internal sealed class PodApi(HttpClient client, string nodeName)
{
    public Task CreateNamespaceAsync(string name) =>
        SendAsync(HttpMethod.Post, "/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}""");

    /// <summary>A pod bound to the node directly, so the time measured is the kubelet's and not the scheduler's.</summary>
    public Task CreatePodAsync(string ns, string name, string image) =>
        SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", $$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","labels":{"app":"kubelet-bench"}},
             "spec":{"nodeName":"{{{nodeName}}}","terminationGracePeriodSeconds":2,
                     "containers":[{"name":"c","image":"{{{image}}}","imagePullPolicy":"IfNotPresent"}]}}
            """);

    public Task DeletePodAsync(string ns, string name) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods/{name}", """{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":2}""");

    public async Task<int> CountPodsAsync(string ns)
    {
        using var document = await GetAsync($"/api/v1/namespaces/{ns}/pods");
        return document.RootElement.GetProperty("items").GetArrayLength();
    }

    public async Task<bool> NodeReadyAsync()
    {
        using var response = await client.GetAsync($"/api/v1/nodes/{nodeName}");
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return document.RootElement.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
            && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var response = await client.GetAsync(path);
        await EnsureSuccessAsync(response);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    private async Task SendAsync(HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.SendAsync(request);
        await EnsureSuccessAsync(response);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
