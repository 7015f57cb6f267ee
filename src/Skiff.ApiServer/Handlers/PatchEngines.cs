using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Handlers.Patch;

namespace Skiff.ApiServer.Handlers;

/// <summary>Binds the PATCH handler to the patch engines and turns their failures into Status errors.</summary>
internal static class PatchEngines
{
    public static JsonObject Apply(string? contentType, JsonObject live, byte[] patch, Type? modelType, bool inPlace)
    {
        try
        {
            return PatchDispatcher.Apply(contentType, live, patch, modelType, inPlace);
        }
        catch (PatchException e)
        {
            throw new ApiException(e.Code, e.Reason, e.StatusMessage, e.HasEmptyDetails ? new StatusDetails() : null);
        }
    }
}
