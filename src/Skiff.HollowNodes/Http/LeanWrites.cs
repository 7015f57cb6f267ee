using System.Text.Json;
using k8s;
using Skiff.Client.Http;

namespace Skiff.HollowNodes.Http;

/// <summary>
/// The few writes a hollow kubelet makes thousands of times a minute (pod status, Lease renewal, node heartbeat),
/// sent as raw requests on the client's own HttpClient without turning each answer into a typed model: a kubelet only
/// needs to know the write took, and for a Lease its new resourceVersion. Decoding every returned Pod and Lease was a
/// quarter of the hollow-nodes process's CPU.
/// </summary>
internal sealed class LeanWrites(IKubernetes client)
{
    private const string StrategicMergePatch = "application/strategic-merge-patch+json";

    private readonly RawApi _api = new(client);

    public Task PatchPodStatusAsync(string ns, string name, string patch, CancellationToken ct) =>
        SendAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/pods/{name}/status", patch, StrategicMergePatch, ct);

    public Task PatchNodeStatusAsync(string name, string patch, CancellationToken ct) =>
        SendAsync(HttpMethod.Patch, $"api/v1/nodes/{name}/status", patch, StrategicMergePatch, ct);

    /// <summary>PUTs the Lease and returns the resourceVersion the server gave it.</summary>
    public async Task<string> ReplaceLeaseAsync(string ns, string name, string lease, CancellationToken ct)
    {
        using var response = await _api.SendAsync(HttpMethod.Put, $"apis/coordination.k8s.io/v1/namespaces/{ns}/leases/{name}", lease, "application/json", ct).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
        return doc.RootElement.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var version) && version.GetString() is { } rv
            ? rv
            : throw new InvalidDataException($"the Lease {ns}/{name} came back without metadata.resourceVersion");
    }

    private async Task SendAsync(HttpMethod method, string path, string body, string contentType, CancellationToken ct)
    {
        using var response = await _api.SendAsync(method, path, body, contentType, ct).ConfigureAwait(false);

        // Read to the end rather than reset the stream mid-answer, which the server would log as an aborted request.
        await response.Content.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
    }
}
