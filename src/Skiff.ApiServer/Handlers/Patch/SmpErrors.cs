using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// Upstream's strategic-merge-patch errors with the status kube-apiserver gives each: malformed directives are 400s,
/// lists of lists and retainKeys mismatches 422s, and everything else reaches the client as a 500 with the raw text.
/// </summary>
internal static class SmpErrors
{
    public static PatchException BadJsonDocument() => PatchException.BadRequest("invalid JSON document");

    public static PatchException BadPrimitiveListFormat() => PatchException.BadRequest("invalid patch format of primitive list");

    public static PatchException BadRetainKeysFormat() => PatchException.BadRequest("invalid patch format of retainKeys");

    public static PatchException BadSetElementOrderFormat() =>
        PatchException.BadRequest("invalid patch format of setElementOrder list");

    public static PatchException NoListOfLists() => PatchException.Unprocessable("lists of lists are not supported");

    public static PatchException NoMergeKey(JsonNode? map, string mergeKey) =>
        PatchException.Internal($"map: {GoFormat.Value(map)} does not contain declared merge key: {mergeKey}");

    public static PatchException ExpectedMap(JsonNode? actual) =>
        PatchException.Internal($"expected a map[string]interface {{}}, but received a {GoFormat.TypeName(actual)}");

    public static PatchException ExpectedList(JsonNode? actual) =>
        PatchException.Internal($"expected a []interface {{}}, but received a {GoFormat.TypeName(actual)}");

    public static PatchException BadPatchType(JsonNode? directive, JsonObject map) =>
        PatchException.Internal($"unknown patch type: {GoFormat.Value(directive)} in map: {GoFormat.Value(map)}");

    public static PatchException Other(string message) => PatchException.Internal(message);
}
