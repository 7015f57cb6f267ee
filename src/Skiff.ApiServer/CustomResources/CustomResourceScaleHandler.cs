using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using Skiff.ApiServer.CustomResources.Schema;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Handlers;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.CustomResources;

/// <summary>
/// GET, PUT and PATCH (merge patch) of a custom object's scale subresource. A write changes only the
/// replicas at specReplicasPath and goes through the main resource's update rules and admission.
/// </summary>
public sealed class CustomResourceScaleHandler
{
    private readonly CustomResourceVersions _versions;
    private readonly WriteHandlers _writes;

    public CustomResourceScaleHandler(CustomResourceVersions versions, WriteHandlers writes)
    {
        _versions = versions;
        _writes = writes;
    }

    public async Task HandleAsync(ApiRequest request, ObjectWriter writer)
    {
        var paths = _versions.Find(request.Resource)?.Scale ?? throw ApiErrors.ResourceNotFound();
        if (request.Info.Verb == "get")
        {
            var stored = await request.Store.GetAsync(request.Namespace, request.Name, request.Aborted).ConfigureAwait(false);
            await writer.WriteObjectAsync(request, 200, ScaleSubresource.ToScale(stored.Object, paths)).ConfigureAwait(false);
            return;
        }

        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        var patch = request.Info.Verb == "patch";
        var mediaType = RequestBody.MediaType(request.Http.Request);
        if (patch && mediaType != "application/merge-patch+json")
        {
            throw ApiErrors.UnsupportedMediaType(mediaType, ["application/merge-patch+json"]);
        }

        var sent = patch ? RequestBody.ParseJsonObject(body) : RequestBody.DecodeObject(mediaType, body);
        var updated = await request.Store.UpdateAsync(request.Namespace, request.Name, live =>
        {
            var current = ScaleSubresource.ToScale(live, paths);
            var scale = patch ? MergePatch.Apply(current, sent) as JsonObject ?? current : sent;
            var expected = Json.ResourceVersion(scale);
            if (expected.Length > 0 && expected != Json.ResourceVersion(live))
            {
                throw ApiErrors.Conflict(request.Resource.Group, request.Resource.Resource, request.Name);
            }

            var desired = (JsonObject)live.DeepClone();
            ScaleSubresource.SetReplicas(desired, paths, Replicas(scale, request.Name));
            return _writes.PrepareUpdate(request, string.Empty, desired, live);
        }, expectedResourceVersion: null, request.DryRun, request.Aborted).ConfigureAwait(false);
        await writer.WriteObjectAsync(request, 200, ScaleSubresource.ToScale(updated.Object, paths)).ConfigureAwait(false);
    }

    private static long Replicas(JsonObject scale, string name)
    {
        var node = scale["spec"]?["replicas"];
        if (JsonKinds.IsNull(node))
        {
            return 0;
        }

        if (!JsonKinds.IsInteger(node) || !JsonKinds.TryGetNumber(node, out var replicas))
        {
            throw ApiErrors.BadRequest($"Scale in version \"v1\" cannot be handled as a Scale: spec.replicas must be an integer");
        }

        if (replicas < 0)
        {
            var error = FieldError.Invalid("spec.replicas", (long)replicas, "must be greater than or equal to 0");
            throw ApiErrors.Invalid("autoscaling", "Scale", name, [new StatusCause(error.Reason, error.Message, error.Field)]);
        }

        return (long)replicas;
    }
}
