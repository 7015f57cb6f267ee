using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>An object as read from the store, with <c>metadata.resourceVersion</c> already set from its revision.</summary>
public sealed record StoredObject(JsonObject Object, long Revision);
