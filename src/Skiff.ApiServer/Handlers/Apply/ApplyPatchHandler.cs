using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// Server-side apply: PATCH with <c>application/apply-patch+yaml</c>. The configuration is merged into the live
/// object inside the read-modify-write loop; a missing object is created from it (201), as kubectl
/// <c>apply --server-side</c> relies on.
/// </summary>
internal sealed class ApplyPatchHandler
{
    private readonly WriteHandlers _writes;
    private readonly FieldManager _fields;

    public ApplyPatchHandler(WriteHandlers writes, FieldManager fields)
    {
        _writes = writes;
        _fields = fields;
    }

    public async Task HandleAsync(ApiRequest request, ObjectWriter writer, byte[] body)
    {
        var manager = FieldManagerName.Resolve(request, required: true);
        var force = request.QueryValue("force") == "true";
        var config = Decode(body);
        var shape = ApplyShape.ForResource(request.Resource.ModelType);
        var subresource = request.Info.Subresource;
        var apiVersion = request.Resource.GroupVersion;
        try
        {
            var stored = await request.Store.UpdateAsync(
                request.Namespace,
                request.Name,
                stored =>
                {
                    var live = StoredForm.ToRequest(request, stored);
                    var merged = _fields.Apply(live, config, manager, force, apiVersion, subresource, shape);
                    var version = Json.ResourceVersion(config);
                    if (version.Length > 0 && version != Json.ResourceVersion(live))
                    {
                        throw ApiErrors.Conflict(request.Resource.Group, request.Resource.Resource, request.Name);
                    }

                    return _writes.PrepareUpdate(request, subresource, merged, live, applied: true);
                },
                expectedResourceVersion: null,
                request.DryRun,
                request.Aborted).ConfigureAwait(false);
            await writer.WriteObjectAsync(request, 200, stored.Object).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code == 404 && e.Reason == "NotFound" && subresource.Length == 0 && e.Details?.Name == request.Name)
        {
            var created = _fields.Apply(new JsonObject(), config, manager, force, apiVersion, subresource, shape);
            await _writes.CreateFromAsync(request, writer, created, applied: true).ConfigureAwait(false);
        }
    }

    private static JsonObject Decode(byte[] body)
    {
        // YAML is a superset of JSON, but JSON bodies (what kubectl sends) are parsed exactly as JSON.
        var text = System.Text.Encoding.UTF8.GetString(body).TrimStart();
        var config = text.StartsWith('{') ? RequestBody.ParseJsonObject(body) : YamlJson.ToJsonObject(body);
        if (config["metadata"] is JsonObject meta)
        {
            if (meta["managedFields"] is not null)
            {
                throw ApiErrors.BadRequest("metadata.managedFields must be nil");
            }
        }

        return config;
    }
}
