using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;

namespace Skiff.ApiServer.Handlers;

/// <summary>Binds the PATCH handler to the patch engines.</summary>
internal static class PatchEngines
{
    public static JsonObject Apply(string? contentType, JsonObject live, byte[] patch, Type? modelType) =>
        throw ApiErrors.UnsupportedMediaType(contentType ?? string.Empty, []);
}
