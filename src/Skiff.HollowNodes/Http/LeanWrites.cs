using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using k8s;

namespace Skiff.HollowNodes.Http;

/// <summary>
/// The few writes a hollow kubelet makes thousands of times a minute (pod status, Lease renewal, node heartbeat),
/// sent on the KubernetesClient's own HttpClient (its TLS, credentials and HTTP/2) without turning each answer into a
/// typed model: a kubelet only needs to know the write took, and for a Lease its new resourceVersion. Decoding every
/// returned Pod and Lease was a quarter of the hollow-nodes process's CPU.
/// </summary>
internal sealed class LeanWrites
{
    private const string StrategicMergePatch = "application/strategic-merge-patch+json";

    private readonly HttpClient _http;
    private readonly Uri _base;

    public LeanWrites(IKubernetes client)
    {
        _http = client is Kubernetes k
            ? k.HttpClient
            : throw new ArgumentException("hollow nodes need a k8s.Kubernetes client", nameof(client));
        var text = client.BaseUri.ToString();
        _base = new Uri(text.EndsWith('/') ? text : text + "/");
    }

    public Task PatchPodStatusAsync(string ns, string name, string patch, CancellationToken ct) =>
        SendAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/pods/{name}/status", patch, StrategicMergePatch, readVersion: false, ct);

    public Task PatchNodeStatusAsync(string name, string patch, CancellationToken ct) =>
        SendAsync(HttpMethod.Patch, $"api/v1/nodes/{name}/status", patch, StrategicMergePatch, readVersion: false, ct);

    /// <summary>PUTs the Lease and returns the resourceVersion the server gave it.</summary>
    public async Task<string> ReplaceLeaseAsync(string ns, string name, string lease, CancellationToken ct) =>
        await SendAsync(HttpMethod.Put, $"apis/coordination.k8s.io/v1/namespaces/{ns}/leases/{name}", lease, "application/json", readVersion: true, ct).ConfigureAwait(false)
        ?? throw new InvalidDataException($"the Lease {ns}/{name} came back without metadata.resourceVersion");

    private async Task<string?> SendAsync(HttpMethod method, string path, string body, string contentType, bool readVersion, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiStatusException(response.StatusCode, await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
        }

        if (!readVersion)
        {
            // Read to the end rather than reset the stream mid-answer, which the server would log as an aborted request.
            await response.Content.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
            return null;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(bytes);
        return doc.RootElement.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var version)
            ? version.GetString()
            : null;
    }
}
