using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>Small accessors for object metadata on raw JSON, so handlers never re-spell a user's object.</summary>
internal static class Json
{
    /// <summary>
    /// Upstream writes UTF-8 and leaves characters like '+' alone; the default .NET encoder escapes far more,
    /// which clients decode fine but users see in stored objects.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = new JsonObject();
        obj["metadata"] = meta;
        return meta;
    }

    public static string Str(JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public static string Name(JsonObject obj) => Str(obj["metadata"], "name");

    public static string Namespace(JsonObject obj) => Str(obj["metadata"], "namespace");

    public static string ResourceVersion(JsonObject obj) => Str(obj["metadata"], "resourceVersion");

    public static string Uid(JsonObject obj) => Str(obj["metadata"], "uid");

    public static bool HasDeletionTimestamp(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static JsonArray? Finalizers(JsonObject obj) => obj["metadata"]?["finalizers"] as JsonArray;

    public static bool HasFinalizers(JsonObject obj) => Finalizers(obj) is { Count: > 0 };

    public static long Generation(JsonObject obj) =>
        obj["metadata"]?["generation"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;

    /// <summary>RFC 3339 in UTC with whole seconds, exactly as upstream writes metav1.Time.</summary>
    public static string Timestamp(DateTimeOffset t) => Skiff.Api.Objects.KubeTime.Format(t);

    public static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Compact);

    public static JsonObject ParseObject(ReadOnlySpan<byte> bytes) =>
        JsonNode.Parse(bytes) as JsonObject ?? throw new JsonException("expected a JSON object");

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
