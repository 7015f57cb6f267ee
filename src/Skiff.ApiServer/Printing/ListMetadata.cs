using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>The metadata of a list response that Table and PartialObjectMetadataList documents copy.</summary>
internal sealed record ListMetadata(string? ResourceVersion, string? Continue = null, long? RemainingItemCount = null)
{
    /// <summary>The ListMeta object; every field is omitted when empty, leaving <c>{}</c>.</summary>
    public JsonObject ToJson()
    {
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(ResourceVersion))
        {
            metadata["resourceVersion"] = ResourceVersion;
        }
        if (!string.IsNullOrEmpty(Continue))
        {
            metadata["continue"] = Continue;
        }
        if (RemainingItemCount is { } remaining)
        {
            metadata["remainingItemCount"] = remaining;
        }
        return metadata;
    }
}
