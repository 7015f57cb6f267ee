using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>An object as read from the store, with <c>metadata.resourceVersion</c> already set from its revision.</summary>
public sealed record StoredObject(JsonObject Object, long Revision)
{
    /// <summary>
    /// The compact JSON the store holds for <see cref="Object"/> (which differs only by the resourceVersion the
    /// revision gives it), when a write just made it; lets a response send those bytes instead of encoding again.
    /// </summary>
    public byte[]? Stored { get; init; }
}
