using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Skiff.Bench.Controllers;

/// <summary>The few API calls the benchmark makes, as raw JSON over the shared HttpClient.</summary>
internal sealed class KubeApi(HttpClient client)
{
    public Task CreateNamespaceAsync(string name) =>
        SendAsync(HttpMethod.Post, "/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}""", "application/json");

    public Task CreateDeploymentAsync(string ns, string name, int replicas, string image) =>
        SendAsync(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments", $$$$$"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{{{name}}}}}"},
             "spec":{"replicas":{{{{{replicas}}}}},"selector":{"matchLabels":{"app":"{{{{{name}}}}}"}},
                     "template":{"metadata":{"labels":{"app":"{{{{{name}}}}}"}},
                                 "spec":{"containers":[{"name":"c","image":"{{{{{image}}}}}","resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}}}
            """, "application/json");

    /// <summary>Changes the only container's image, which starts a rollout with the default 25%/25% strategy.</summary>
    public Task SetImageAsync(string ns, string name, string image) =>
        SendAsync(HttpMethod.Patch, $"/apis/apps/v1/namespaces/{ns}/deployments/{name}", $$$$$"""{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"{{{{{image}}}}}"}]}}}}""", "application/strategic-merge-patch+json");

    public async Task<JsonElement> GetDeploymentAsync(string ns, string name) =>
        (await GetAsync($"/apis/apps/v1/namespaces/{ns}/deployments/{name}")).RootElement.Clone();

    public async Task<int> CountPodsAsync(string ns)
    {
        using var document = await GetAsync($"/api/v1/namespaces/{ns}/pods");
        return document.RootElement.GetProperty("items").GetArrayLength();
    }

    /// <summary>Nodes whose Ready condition is True.</summary>
    public async Task<int> CountReadyNodesAsync()
    {
        using var document = await GetAsync("/api/v1/nodes");
        return document.RootElement.GetProperty("items").EnumerateArray().Count(node =>
            node.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
            && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True"));
    }

    /// <summary>spec.replicas of every ReplicaSet in the namespace.</summary>
    public async Task<IReadOnlyList<int>> ReplicaSetSizesAsync(string ns)
    {
        using var document = await GetAsync($"/apis/apps/v1/namespaces/{ns}/replicasets");
        return document.RootElement.GetProperty("items").EnumerateArray()
            .Select(rs => rs.GetProperty("spec").TryGetProperty("replicas", out var r) ? r.GetInt32() : 1).ToList();
    }

    /// <summary>A small pod already bound to <paramref name="nodeName"/>, so the scheduler leaves it alone.</summary>
    public Task CreateBoundPodAsync(string ns, string name, string nodeName) =>
        SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","labels":{"app":"informer-bench"}},"spec":{"nodeName":"{{{nodeName}}}","containers":[{"name":"c","image":"busybox:1.36"}]}}""", "application/json");

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var response = await client.GetAsync(path);
        await EnsureSuccessAsync(response);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    private async Task SendAsync(HttpMethod method, string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
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
