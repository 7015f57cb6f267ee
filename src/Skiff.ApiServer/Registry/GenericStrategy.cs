using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>The rules most kinds share; kind-specific strategies override the few that differ.</summary>
public class GenericStrategy : IResourceStrategy
{
    public GenericStrategy(bool tracksGeneration, bool hasStatusSubresource)
    {
        TracksGeneration = tracksGeneration;
        HasStatusSubresource = hasStatusSubresource;
    }

    public bool TracksGeneration { get; }

    public bool HasStatusSubresource { get; }

    public virtual void PrepareForCreate(JsonObject obj)
    {
        if (HasStatusSubresource)
        {
            obj.Remove("status");
        }
    }

    public virtual void PrepareForUpdate(JsonObject desired, JsonObject live)
    {
        if (!HasStatusSubresource)
        {
            return;
        }

        if (live["status"] is { } status)
        {
            desired["status"] = status.DeepClone();
        }
        else
        {
            desired.Remove("status");
        }
    }

    public virtual JsonObject PrepareForStatusUpdate(JsonObject desired, JsonObject live)
    {
        var result = (JsonObject)live.DeepClone();
        if (desired["status"] is { } status)
        {
            desired.Remove("status");
            result["status"] = status;
        }
        else
        {
            result.Remove("status");
        }

        // Status writers may still adjust labels, annotations and finalizers, as upstream allows.
        var from = Json.Metadata(desired);
        var to = Json.Metadata(result);
        foreach (var field in (string[])["labels", "annotations", "finalizers", "ownerReferences"])
        {
            if (from[field] is { } v)
            {
                from.Remove(field);
                to[field] = v;
            }
            else
            {
                to.Remove(field);
            }
        }

        return result;
    }

    public virtual bool SpecChanged(JsonObject desired, JsonObject live)
    {
        foreach (var (key, value) in desired)
        {
            if (key is "metadata" or "status")
            {
                continue;
            }

            if (!JsonNode.DeepEquals(value, live[key]))
            {
                return true;
            }
        }

        foreach (var (key, _) in live)
        {
            if (key is not ("metadata" or "status") && !desired.ContainsKey(key))
            {
                return true;
            }
        }

        return false;
    }

    public virtual long GracePeriodSeconds(JsonObject live, long? requested) => 0;

    public virtual void PrepareForDeletion(JsonObject obj)
    {
    }

    public virtual bool FinalizersPending(JsonObject obj) => Json.HasFinalizers(obj);

    public virtual Task BeforeWriteAsync(JsonObject desired, JsonObject? live, bool dryRun, CancellationToken ct) => Task.CompletedTask;

    public virtual Task WriteFailedAsync(JsonObject desired, JsonObject? live, CancellationToken ct) => Task.CompletedTask;

    public virtual Task AfterUpdateAsync(JsonObject desired, JsonObject live, CancellationToken ct) => Task.CompletedTask;

    public virtual Task AfterDeleteAsync(JsonObject last, CancellationToken ct) => Task.CompletedTask;
}
