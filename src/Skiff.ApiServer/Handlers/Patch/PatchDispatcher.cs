using System.Text.Json.Nodes;
using Skiff.Api.Schema;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// The entry point of the patch engines: picks the engine by content type and applies a PATCH body to the current
/// object, or throws a <see cref="PatchException"/> carrying upstream's Status. Server-side apply
/// (<c>application/apply-patch+yaml</c>) is routed elsewhere; this class answers 415 for it.
/// </summary>
internal static class PatchDispatcher
{
    public const string JsonPatchType = "application/json-patch+json";
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";
    public const string ApplyPatchType = "application/apply-patch+yaml";

    private static readonly string[] s_builtInTypes = [JsonPatchType, MergePatchType, StrategicMergePatchType, ApplyPatchType];
    private static readonly string[] s_customTypes = [JsonPatchType, MergePatchType, ApplyPatchType];

    /// <summary>
    /// The patch types a resource accepts, in upstream's order (its 415 message lists them): built-in types with a
    /// model take strategic merge patches, custom resources do not.
    /// </summary>
    public static IReadOnlyList<string> AcceptedTypes(bool hasSchema) => hasSchema ? s_builtInTypes : s_customTypes;

    /// <summary>The media type without parameters ("; charset=utf-8"), compared as upstream compares it.</summary>
    public static string MediaType(string? contentType)
    {
        contentType ??= string.Empty;
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return semicolon > 0 ? contentType[..semicolon] : contentType;
    }

    /// <summary>
    /// Applies <paramref name="patch"/> to a copy of <paramref name="current"/>. <paramref name="modelType"/> is the
    /// KubernetesClient model of the resource, or null for resources without a schema (custom resources), which
    /// refuse strategic merge patches with 415 as upstream does.
    /// </summary>
    public static JsonObject Apply(string? contentType, JsonObject current, ReadOnlySpan<byte> patch, Type? modelType) =>
        Apply(contentType, current, patch, modelType, inPlace: false);

    /// <summary>
    /// As <see cref="Apply(string?, JsonObject, ReadOnlySpan{byte}, Type?)"/>; with <paramref name="inPlace"/> the
    /// caller's own <paramref name="current"/> is patched instead of a copy (and may be left half-patched by a failure).
    /// </summary>
    public static JsonObject Apply(string? contentType, JsonObject current, ReadOnlySpan<byte> patch, Type? modelType, bool inPlace)
    {
        var schema = modelType is null ? null : PatchMetadata.For(modelType);
        var mediaType = MediaType(contentType);
        var accepted = AcceptedTypes(schema is not null);
        if (mediaType == ApplyPatchType || !accepted.Contains(mediaType, StringComparer.Ordinal))
        {
            throw PatchException.UnsupportedMediaType(accepted);
        }

        var body = PatchBody.Parse(patch);
        var target = inPlace ? current : (JsonObject)current.DeepClone();
        return mediaType switch
        {
            JsonPatchType => ApplyJsonPatch(target, body),
            MergePatchType => ApplyMergePatch(target, body),
            _ => ApplyStrategicMergePatch(target, body, schema!),
        };
    }

    private static JsonObject ApplyJsonPatch(JsonObject target, JsonNode? body)
    {
        var operations = JsonPatch.Decode(body);
        return JsonPatch.Apply(target, operations) as JsonObject
            ?? throw PatchException.Unprocessable("the patched document is not a JSON object");
    }

    private static JsonObject ApplyMergePatch(JsonObject target, JsonNode? body)
    {
        switch (body)
        {
            case null:
                throw PatchException.BadRequest("Invalid JSON Patch");
            case JsonObject patch:
                MergePatch.Apply(target, patch);
                return target;
            default:
                throw PatchException.BadRequest(
                    $"error decoding patch: json: cannot unmarshal {JsonPatch.GoJsonKind(body)} into Go value of type map[string]interface {{}}");
        }
    }

    private static JsonObject ApplyStrategicMergePatch(JsonObject target, JsonNode? body, ModelSchema schema) => body switch
    {
        null => target,
        JsonObject patch => StrategicMergePatch.Apply(target, patch, schema),
        _ => throw PatchException.BadRequest(
            $"json: cannot unmarshal {JsonPatch.GoJsonKind(body)} into Go value of type map[string]interface {{}}"),
    };
}
