using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>An object as read from the store, with <c>metadata.resourceVersion</c> already set from its revision.</summary>
public sealed record StoredObject(JsonObject Object, long Revision)
{
    /// <summary>
    /// The bytes a write just stored for <see cref="Object"/> (the server's stored shape: no resourceVersion), when the
    /// write has them, so a response can splice the revision in instead of encoding the object again.
    /// </summary>
    public byte[]? Stored { get; init; }
}
