using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.Api.Objects;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// Empty-string shorthands over <see cref="ObjectMeta"/> for the API server's handlers, plus the server's JSON
/// writer settings, so handlers never re-spell a user's object.
/// </summary>
internal static class Json
{
    /// <summary>
    /// Upstream writes UTF-8 and leaves characters like '+' alone; the default .NET encoder escapes far more,
    /// which clients decode fine but users see in stored objects.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Metadata(JsonObject obj) => obj.EnsureMetadata();

    public static string Str(JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public static string Name(JsonObject obj) => obj.GetName() ?? string.Empty;

    public static string Namespace(JsonObject obj) => obj.GetNamespace() ?? string.Empty;

    public static string ResourceVersion(JsonObject obj) => obj.GetResourceVersion() ?? string.Empty;

    public static string Uid(JsonObject obj) => obj.GetUid() ?? string.Empty;

    public static bool HasDeletionTimestamp(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static JsonArray? Finalizers(JsonObject obj) => obj["metadata"]?["finalizers"] as JsonArray;

    public static bool HasFinalizers(JsonObject obj) => Finalizers(obj) is { Count: > 0 };

    public static long Generation(JsonObject obj) => obj.GetGeneration() ?? 0;

    /// <summary>RFC 3339 in UTC with whole seconds, exactly as upstream writes metav1.Time.</summary>
    public static string Timestamp(DateTimeOffset t) => Skiff.Api.Objects.KubeTime.Format(t);

    public static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Compact);

    public static JsonObject ParseObject(ReadOnlySpan<byte> bytes) =>
        JsonNode.Parse(bytes) as JsonObject ?? throw new JsonException("expected a JSON object");

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
