using System.Globalization;
using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Registry;
using Skiff.Storage;

namespace Skiff.ApiServer.Handlers;

/// <summary>DELETE of one object and DELETE of a collection, with DeleteOptions from the body or the query.</summary>
public static class DeleteHandlers
{
    private static readonly HashSet<string> Policies = ["Orphan", "Background", "Foreground"];

    public static async Task DeleteAsync(ApiRequest request, ObjectWriter writer)
    {
        var options = await ReadOptionsAsync(request).ConfigureAwait(false);
        var (obj, deleted) = await request.Store.DeleteAsync(request.Namespace, request.Name, options, request.DryRun, request.Aborted).ConfigureAwait(false);
        if (!deleted || ReturnsDeletedObject(request))
        {
            // Upstream answers 202 for a pending delete only when the client asked for cascading with
            // orphanDependents=false; everything else, pending or not, is 200, and clients rely on it.
            var code = !deleted && options.OrphanDependentsFalse ? 202 : 200;
            await writer.WriteObjectAsync(request, code, obj.Object).ConfigureAwait(false);
            return;
        }

        await Responses.WriteAsync(request.Http, 200,
            Responses.Success(request.Name, request.Resource.Group, request.Resource.Resource, Json.Uid(obj.Object))).ConfigureAwait(false);
    }

    public static async Task DeleteCollectionAsync(ApiRequest request, ObjectWriter writer)
    {
        var options = await ReadOptionsAsync(request).ConfigureAwait(false);
        var filter = ObjectFilter.FromQuery(request);
        var page = await request.Store.Store.ListAsync(request.Store.Prefix(request.Namespace), ListOptions.All, request.Aborted).ConfigureAwait(false);
        var items = new List<JsonObject>();
        foreach (var kv in page.Items)
        {
            var obj = request.Store.Decode(kv.Value, kv.ModRevision).Object;
            if (!filter.Matches(obj))
            {
                continue;
            }

            try
            {
                var (last, _) = await request.Store.DeleteAsync(Json.Namespace(obj), Json.Name(obj), options, request.DryRun, request.Aborted).ConfigureAwait(false);
                items.Add(last.Object);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Someone else deleted it meanwhile; the collection is still going away.
            }
        }

        await writer.WriteListAsync(request, items, page.Revision.ToString(CultureInfo.InvariantCulture), null, null).ConfigureAwait(false);
    }

    /// <summary>Pods return their final state on delete, as upstream's pod registry does.</summary>
    private static bool ReturnsDeletedObject(ApiRequest request) =>
        request.Resource.Group.Length == 0 && request.Resource.Resource is "pods" or "namespaces";

    private static async Task<DeleteRequest> ReadOptionsAsync(ApiRequest request)
    {
        long? grace = null;
        string? policy = null;
        string? uid = null;
        string? rv = null;
        var orphanFalse = false;
        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        if (body.Length > 0)
        {
            var options = RequestBody.DecodeObject(RequestBody.MediaType(request.Http.Request), body);
            if (options["gracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var gv))
            {
                grace = gv;
            }

            policy = Json.Str(options, "propagationPolicy");
            if (options["orphanDependents"] is JsonValue o && o.TryGetValue<bool>(out var orphan))
            {
                orphanFalse = !orphan;
                if (policy.Length == 0)
                {
                    policy = orphan ? "Orphan" : "Background";
                }
            }

            uid = Json.Str(options["preconditions"], "uid");
            rv = Json.Str(options["preconditions"], "resourceVersion");
            if (options["dryRun"] is JsonArray dry && dry.Any(d => d?.GetValue<string>() == "All"))
            {
                request.Http.Items["dryRun"] = true;
            }
        }

        if (request.QueryValue("gracePeriodSeconds") is { Length: > 0 } q)
        {
            grace = long.TryParse(q, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var qv) ? qv : throw ApiErrors.BadRequest($"invalid gracePeriodSeconds: {q}");
        }

        if (request.QueryValue("propagationPolicy") is { Length: > 0 } p)
        {
            policy = p;
        }

        if (!string.IsNullOrEmpty(policy) && !Policies.Contains(policy))
        {
            throw ApiErrors.Invalid("meta.k8s.io", "DeleteOptions", string.Empty,
                [new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"", "propagationPolicy")]);
        }

        return new DeleteRequest(grace, string.IsNullOrEmpty(policy) ? null : policy, string.IsNullOrEmpty(uid) ? null : uid, string.IsNullOrEmpty(rv) ? null : rv)
        {
            OrphanDependentsFalse = orphanFalse,
        };
    }
}
