namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>One JSON patch operation that does not apply; the message is upstream's library's.</summary>
internal sealed class JsonPatchFailure(string message) : Exception(message);
