using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// The metadata-only views of objects (Accept <c>as=PartialObjectMetadata</c> or
/// <c>as=PartialObjectMetadataList</c>), also embedded in table rows by default.
/// </summary>
internal static class PartialObjectMetadata
{
    /// <param name="apiVersion">"meta.k8s.io/v1" or "meta.k8s.io/v1beta1".</param>
    public static JsonObject ForObject(JsonObject obj, string apiVersion) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = apiVersion,
        ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
    };

    public static JsonObject ForList(IEnumerable<JsonObject> items, ListMetadata list, string apiVersion)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(ForObject(item, apiVersion));
        }
        return new JsonObject
        {
            ["kind"] = "PartialObjectMetadataList",
            ["apiVersion"] = apiVersion,
            ["metadata"] = list.ToJson(),
            // Upstream builds the items by appending to a nil slice, so an empty list encodes null.
            ["items"] = array.Count == 0 ? null : array,
        };
    }
}
