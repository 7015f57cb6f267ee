using System.Text.Json.Nodes;
using Skiff.Api.Selectors;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Handlers;

/// <summary>
/// The scale subresource: an autoscaling/v1 Scale view of a workload's replicas. Reads build the view;
/// writes (update or any patch type) change only spec.replicas of the parent.
/// </summary>
public sealed class ScaleHandler
{
    private readonly PatchApplier _apply;
    private readonly WriteHandlers? _writes;

    /// <param name="writes">When given, scale writes are recorded in managedFields as upstream does (subresource "scale").</param>
    public ScaleHandler(PatchApplier apply, WriteHandlers? writes = null)
    {
        _apply = apply;
        _writes = writes;
    }

    public async Task HandleAsync(ApiRequest request, ObjectWriter writer)
    {
        switch (request.Info.Verb)
        {
            case "get":
                var stored = await request.Store.GetAsync(request.Namespace, request.Name, request.Aborted).ConfigureAwait(false);
                await WriteScaleAsync(request, stored.Object).ConfigureAwait(false);
                return;
            case "update" or "patch":
                var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
                var contentType = request.Http.Request.ContentType;
                var verb = request.Info.Verb;
                var updated = await request.Store.UpdateAsync(
                    request.Namespace,
                    request.Name,
                    live => ApplyScale(request, verb, contentType, body, live),
                    expectedResourceVersion: null,
                    request.DryRun,
                    request.Aborted).ConfigureAwait(false);
                await WriteScaleAsync(request, updated.Object).ConfigureAwait(false);
                return;
            default:
                throw ApiErrors.MethodNotAllowed();
        }
    }

    public static JsonObject ToScale(JsonObject parent)
    {
        var meta = parent["metadata"] as JsonObject ?? new JsonObject();
        var scaleMeta = new JsonObject();
        foreach (var field in (string[])["name", "namespace", "uid", "resourceVersion", "creationTimestamp"])
        {
            if (meta[field] is { } v)
            {
                scaleMeta[field] = v.DeepClone();
            }
        }

        var status = new JsonObject { ["replicas"] = parent["status"]?["replicas"]?.DeepClone() ?? 0 };
        var selector = SelectorString(parent["spec"]?["selector"]);
        if (selector.Length > 0)
        {
            status["selector"] = selector;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = parent["spec"]?["replicas"]?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }

    private JsonObject ApplyScale(ApiRequest request, string verb, string? contentType, byte[] body, JsonObject live)
    {
        var current = ToScale(live);
        var desired = verb == "update"
            ? RequestBody.DecodeObject(RequestBody.MediaType(request.Http.Request), body)
            : _apply(contentType, current, body, typeof(k8s.Models.V1Scale), inPlace: false);
        var expected = Json.ResourceVersion(desired);
        if (expected.Length > 0 && expected != Json.ResourceVersion(live))
        {
            throw ApiErrors.Conflict(request.Resource.Group, request.Resource.Resource, request.Name);
        }

        if (desired["spec"]?["replicas"] is not JsonValue r || !r.TryGetValue<long>(out var replicas) || replicas < 0)
        {
            throw ApiErrors.Invalid("autoscaling", "Scale", request.Name,
                [new StatusCause("FieldValueInvalid", "Invalid value: must be greater than or equal to 0", "spec.replicas")]);
        }

        var next = (JsonObject)live.DeepClone();
        if (next["spec"] is not JsonObject spec)
        {
            spec = new JsonObject();
            next["spec"] = spec;
        }

        spec["replicas"] = replicas;
        _writes?.RecordUpdate(request, "scale", live, next);
        return next;
    }

    private static Task WriteScaleAsync(ApiRequest request, JsonObject parent) =>
        Responses.WriteAsync(request.Http, 200, ToScale(parent));

    /// <summary>The selector as a string: a LabelSelector for apps kinds, a plain map for ReplicationControllers.</summary>
    private static string SelectorString(JsonNode? selector)
    {
        if (selector is not JsonObject o)
        {
            return string.Empty;
        }

        if (o.ContainsKey("matchLabels") || o.ContainsKey("matchExpressions"))
        {
            try
            {
                return LabelSelector.FromJson(o).ToString();
            }
            catch (SelectorParseException)
            {
                return string.Empty;
            }
        }

        return string.Join(",", o.Select(kv => $"{kv.Key}={kv.Value}"));
    }
}
