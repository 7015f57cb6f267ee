using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Http;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Handlers;

/// <summary>pods/binding (how schedulers assign a node) and pods/eviction (a delete that asks politely).</summary>
public sealed class PodSubresources
{
    private readonly TimeProvider _time;

    public PodSubresources(TimeProvider time)
    {
        _time = time;
    }

    public async Task BindAsync(ApiRequest request)
    {
        var binding = await RequestBody.ReadObjectAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        var node = Json.Str(binding["target"], "name");
        if (node.Length == 0)
        {
            throw ApiErrors.Invalid(string.Empty, "Binding", request.Name,
                [new StatusCause("FieldValueRequired", "Required value", "target.name")]);
        }

        var annotations = binding["metadata"]?["annotations"] as JsonObject;
        await request.Store.UpdateAsync(
            request.Namespace,
            request.Name,
            pod =>
            {
                if (Json.HasDeletionTimestamp(pod))
                {
                    throw ApiErrors.Conflict(string.Empty, "pods", request.Name, "pod is being deleted, cannot be assigned to a host");
                }

                var current = Json.Str(pod["spec"], "nodeName");
                if (current.Length > 0)
                {
                    throw ApiErrors.Conflict(string.Empty, "pods/binding", request.Name, $"pod {request.Name} is already assigned to node \"{current}\"");
                }

                pod["spec"]!["nodeName"] = node;
                if (annotations is not null)
                {
                    var meta = Json.Metadata(pod);
                    if (meta["annotations"] is not JsonObject existing)
                    {
                        existing = new JsonObject();
                        meta["annotations"] = existing;
                    }

                    foreach (var (k, v) in annotations)
                    {
                        existing[k] = v?.DeepClone();
                    }
                }

                SetScheduledCondition(pod);
                return pod;
            },
            expectedResourceVersion: null,
            request.DryRun,
            request.Aborted).ConfigureAwait(false);
        await Responses.WriteAsync(request.Http, 201, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["code"] = 201,
        }).ConfigureAwait(false);
    }

    public async Task EvictAsync(ApiRequest request)
    {
        var eviction = await RequestBody.ReadObjectAsync(request.Http.Request, request.Aborted).ConfigureAwait(false);
        var options = eviction["deleteOptions"] as JsonObject;
        long? grace = options?["gracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var gv) ? gv : null;
        var uid = Json.Str(options?["preconditions"], "uid");
        await request.Store.DeleteAsync(request.Namespace, request.Name, new DeleteRequest(grace, null, uid.Length == 0 ? null : uid), request.DryRun, request.Aborted).ConfigureAwait(false);
        await Responses.WriteAsync(request.Http, 201, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["code"] = 201,
        }).ConfigureAwait(false);
    }

    private void SetScheduledCondition(JsonObject pod)
    {
        if (pod["status"] is not JsonObject status)
        {
            status = new JsonObject();
            pod["status"] = status;
        }

        if (status["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            status["conditions"] = conditions;
        }

        foreach (var c in conditions.ToList())
        {
            if (Json.Str(c, "type") == "PodScheduled")
            {
                conditions.Remove(c);
            }
        }

        conditions.Add(new JsonObject
        {
            ["type"] = "PodScheduled",
            ["status"] = "True",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = Json.Timestamp(_time.GetUtcNow()),
        });
    }
}
