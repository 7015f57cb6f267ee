using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// A namespace is born Active with the "kubernetes" finalizer, and on delete turns Terminating until the
/// namespace controller has emptied it and cleared spec.finalizers.
/// </summary>
public sealed class NamespaceStrategy : GenericStrategy
{
    public NamespaceStrategy()
        : base(tracksGeneration: false, hasStatusSubresource: true)
    {
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        if (obj["spec"] is not JsonObject spec)
        {
            spec = new JsonObject();
            obj["spec"] = spec;
        }

        spec["finalizers"] = new JsonArray("kubernetes");
    }

    public override void PrepareForUpdate(JsonObject desired, JsonObject live)
    {
        base.PrepareForUpdate(desired, live);

        // spec.finalizers changes only through the finalize subresource.
        if (live["spec"] is { } spec)
        {
            desired["spec"] = spec.DeepClone();
        }
    }

    public override void PrepareForDeletion(JsonObject obj)
    {
        if (obj["status"] is not JsonObject status)
        {
            status = new JsonObject();
            obj["status"] = status;
        }

        status["phase"] = "Terminating";
    }

    /// <summary>Namespaces stay while spec.finalizers is not empty, like metadata finalizers.</summary>
    public override bool FinalizersPending(JsonObject obj) =>
        base.FinalizersPending(obj) || obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };
}
