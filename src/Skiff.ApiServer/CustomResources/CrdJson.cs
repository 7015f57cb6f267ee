using System.Text.Json.Nodes;

namespace Skiff.ApiServer.CustomResources;

/// <summary>Lenient readers over a CRD's JSON: a missing or mistyped field reads as empty, validation reports it.</summary>
internal static class CrdJson
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    public static string Str(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public static bool Bool(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() : [];

    public static JsonObject? Spec(JsonObject crd) => crd["spec"] as JsonObject;

    public static string Group(JsonObject crd) => Str(crd["spec"], "group");

    public static string Scope(JsonObject crd) => Str(crd["spec"], "scope");

    public static IEnumerable<JsonObject> Versions(JsonObject crd) =>
        crd["spec"]?["versions"] is JsonArray versions ? versions.OfType<JsonObject>() : [];

    public static string? StorageVersion(JsonObject crd) =>
        Versions(crd).FirstOrDefault(v => Bool(v, "storage")) is { } storage ? Str(storage, "name") : null;

    public static JsonObject Status(JsonObject crd)
    {
        if (crd["status"] is JsonObject status)
        {
            return status;
        }

        status = new JsonObject();
        crd["status"] = status;
        return status;
    }
}
