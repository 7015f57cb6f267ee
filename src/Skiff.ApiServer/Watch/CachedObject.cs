using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Watch;

/// <summary>
/// One object as the watch cache holds it. Shared by every reader, so never modified: writers replace it.
/// </summary>
public sealed record CachedObject(string Key, string Namespace, JsonObject Object, long Revision);
