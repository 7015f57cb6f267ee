using System.Text.Json.Nodes;
using Skiff.ApiServer.Admission;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Handlers;

/// <summary>
/// PATCH: the patch is applied to the live object inside the read-modify-write loop, so a concurrent
/// writer makes it re-apply to the fresh object rather than fail; a resourceVersion inside the patch is a
/// precondition, as upstream treats it.
/// </summary>
public sealed class PatchHandler : IPatchHandler
{
    private readonly WriteHandlers _writes;
    private readonly PatchApplier _apply;

    public PatchHandler(WriteHandlers writes, PatchApplier apply)
    {
        _writes = writes;
        _apply = apply;
    }

    public async Task HandleAsync(ApiRequest request, ObjectWriter writer)
    {
        var contentType = request.Http.Request.ContentType;
        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        if (Patch.PatchDispatcher.MediaType(contentType) == Patch.PatchDispatcher.ApplyPatchType)
        {
            await _writes.ApplyHandler.HandleAsync(request, writer, body).ConfigureAwait(false);
            return;
        }

        if (request.Query.ContainsKey("force"))
        {
            throw ApiErrors.Invalid("meta.k8s.io", "PatchOptions", string.Empty,
                [new StatusCause("FieldValueForbidden", "Forbidden: may not be specified for non-apply patch", "force")]);
        }

        var subresource = request.Info.Subresource;
        var statusOnly = subresource == "status" && StatusPatch.Applies(contentType, body);
        var stored = await request.Store.UpdateFromLiveAsync(
            request.Namespace,
            request.Name,
            stored =>
            {
                var live = StoredForm.ToRequest(request, stored);
                var patched = statusOnly
                    ? _apply(contentType, StatusPatch.Target(live), body, request.Resource.ModelType, inPlace: true)
                    : _apply(contentType, live, body, request.Resource.ModelType, inPlace: false);
                FieldValidation.Check(request, patched);
                var patchedVersion = Json.ResourceVersion(patched);
                if (patchedVersion.Length > 0 && patchedVersion != Json.ResourceVersion(live))
                {
                    throw ApiErrors.Conflict(request.Resource.Group, request.Resource.Resource, request.Name);
                }

                return _writes.PrepareUpdate(request, subresource, patched, live, ownsDesired: true);
            },
            expectedResourceVersion: null,
            request.DryRun,
            request.Aborted).ConfigureAwait(false);
        await writer.WriteStoredAsync(request, 200, stored).ConfigureAwait(false);
    }
}

/// <summary>
/// Applies a PATCH body of the given content type to a copy of the live object, or to the object itself when the
/// caller made it for this call (<c>inPlace</c>).
/// </summary>
public delegate JsonObject PatchApplier(string? contentType, JsonObject live, byte[] patch, Type? modelType, bool inPlace);
