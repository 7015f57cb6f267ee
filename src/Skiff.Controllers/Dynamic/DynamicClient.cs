using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Skiff.Client.Informers;

namespace Skiff.Controllers.Dynamic;

/// <summary>
/// Plain REST calls on any resource path, custom resources included, over the typed client's own connection and
/// credentials: what the garbage collector and namespace controller need of kinds they do not know.
/// </summary>
public sealed class DynamicClient(Kubernetes client)
{
    private const string MetadataListAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1, application/json";
    private const string MetadataAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1, application/json";

    public static DynamicClient For(IKubernetes client) =>
        new(client as Kubernetes ?? throw new InvalidOperationException("the dynamic client needs a k8s.Kubernetes client"));

    /// <summary>GET of a path; null when the server answers 404.</summary>
    public async Task<JsonObject?> GetJsonAsync(string path, CancellationToken ct)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, path, null, null, "application/json", ct).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>The object's metadata, or null when it does not exist.</summary>
    public async Task<PartialObject?> GetMetadataAsync(ApiResource resource, string? ns, string name, CancellationToken ct)
    {
        try
        {
            var obj = await SendAsync(HttpMethod.Get, resource.ObjectPath(ns, name), null, null, MetadataAccept, ct).ConfigureAwait(false);
            return ToPartial(resource, obj);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Every object of the resource (in one namespace when given), metadata only, page by page.</summary>
    public async Task<IReadOnlyList<PartialObject>> ListMetadataAsync(ApiResource resource, string? ns, CancellationToken ct)
    {
        var items = new List<PartialObject>();
        string? next = null;
        do
        {
            var query = "?limit=500" + (next is null ? string.Empty : "&continue=" + Uri.EscapeDataString(next));
            var list = await SendAsync(HttpMethod.Get, resource.CollectionPath(ns) + query, null, null, MetadataListAccept, ct).ConfigureAwait(false);
            foreach (var item in list["items"] as JsonArray ?? [])
            {
                if (item is JsonObject obj)
                {
                    items.Add(ToPartial(resource, obj));
                }
            }

            next = list["metadata"]?["continue"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(next));
        return items;
    }

    public Task DeleteAsync(ApiResource resource, string? ns, string name, V1DeleteOptions options, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, resource.ObjectPath(ns, name), KubernetesJson.Serialize(options), "application/json", "application/json", ct);

    public Task DeleteCollectionAsync(ApiResource resource, string? ns, V1DeleteOptions options, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, resource.CollectionPath(ns), KubernetesJson.Serialize(options), "application/json", "application/json", ct);

    /// <summary>An RFC 6902 JSON patch.</summary>
    public Task PatchAsync(ApiResource resource, string? ns, string name, string jsonPatch, CancellationToken ct) =>
        SendAsync(HttpMethod.Patch, resource.ObjectPath(ns, name), jsonPatch, "application/json-patch+json", "application/json", ct);

    public async Task<JsonObject> SendAsync(HttpMethod method, string path, string? body, string? contentType, string accept, CancellationToken ct)
    {
        using var request = Skiff.Client.Http.ApiRequest.Create(method, new Uri(client.BaseUri.ToString().TrimEnd('/') + path));
        request.Headers.Accept.ParseAdd(accept);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }

        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, ct).ConfigureAwait(false);
        }

        using var response = await client.HttpClient.SendAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var json = text.Length == 0 ? null : TryParse(text);
        if (!response.IsSuccessStatusCode)
        {
            var code = (int)response.StatusCode;
            throw new ApiStatusException(
                code,
                json?["reason"]?.GetValue<string>() ?? response.ReasonPhrase ?? string.Empty,
                json?["message"]?.GetValue<string>() ?? $"{method} {path}: {code.ToString(CultureInfo.InvariantCulture)}");
        }

        return json ?? [];
    }

    private static PartialObject ToPartial(ApiResource resource, JsonObject obj) => new()
    {
        // Metadata answers say PartialObjectMetadata; the caller needs the real type.
        ApiVersion = resource.GroupVersion,
        Kind = resource.Kind,
        Metadata = obj["metadata"] is JsonObject meta ? KubernetesJson.Deserialize<V1ObjectMeta>(meta.ToJsonString()) : new V1ObjectMeta(),
    };

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
