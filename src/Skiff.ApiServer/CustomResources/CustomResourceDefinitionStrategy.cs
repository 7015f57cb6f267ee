using System.Text.Json.Nodes;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.CustomResources;

/// <summary>
/// How CRDs are stored: status.storedVersions always holds the storage version, and a delete never
/// removes a CRD at once: it gets the customresourcecleanup finalizer and a Terminating condition, and
/// stays until <see cref="CrdController"/> has deleted every custom object and removed the finalizer.
/// </summary>
internal sealed class CustomResourceDefinitionStrategy : GenericStrategy
{
    private readonly TimeProvider _time;

    public CustomResourceDefinitionStrategy(TimeProvider time)
        : base(tracksGeneration: true, hasStatusSubresource: true)
    {
        _time = time;
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        var status = CrdJson.Status(obj);
        status["acceptedNames"] = new JsonObject { ["plural"] = string.Empty, ["kind"] = string.Empty };
        RecordStorageVersion(obj);
    }

    public override void PrepareForUpdate(JsonObject desired, JsonObject live)
    {
        base.PrepareForUpdate(desired, live);
        RecordStorageVersion(desired);
    }

    /// <summary>Upstream's CRD registry turns the first delete into "mark and finalize", so cleanup always runs.</summary>
    public override bool FinalizersPending(JsonObject obj) => !Json.HasDeletionTimestamp(obj) || base.FinalizersPending(obj);

    public override void PrepareForDeletion(JsonObject obj)
    {
        var meta = Json.Metadata(obj);
        if (meta["finalizers"] is not JsonArray finalizers)
        {
            finalizers = [];
            meta["finalizers"] = finalizers;
        }

        if (!finalizers.Any(f => f is JsonValue v && v.TryGetValue<string>(out var s) && s == CrdJson.CleanupFinalizer))
        {
            finalizers.Add(CrdJson.CleanupFinalizer);
        }

        if (!CrdConditions.IsTrue(obj, CrdConditions.Terminating))
        {
            CrdConditions.Set(obj, CrdConditions.Terminating, true, "InstanceDeletionPending",
                "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon", _time.GetUtcNow());
        }
    }

    private static void RecordStorageVersion(JsonObject crd)
    {
        if (CrdJson.StorageVersion(crd) is not { Length: > 0 } storage)
        {
            return;
        }

        var status = CrdJson.Status(crd);
        if (status["storedVersions"] is not JsonArray stored)
        {
            stored = [];
            status["storedVersions"] = stored;
        }

        if (!CrdJson.Strings(stored).Contains(storage))
        {
            stored.Add(storage);
        }
    }
}
