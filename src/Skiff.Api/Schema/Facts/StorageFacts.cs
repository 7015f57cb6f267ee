using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the storage/v1 types, as upstream declares them.</summary>
internal static class StorageFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1CSIDriverSpec>("tokenRequests");
        t.SetList<V1CSIDriverSpec>("volumeLifecycleModes");

        t.AtomicList<V1CSINodeDriver>("topologyKeys");

        t.MapList<V1CSINodeSpec>("drivers", ["name"], patch: Merge, mergeKey: "name");

        t.MapList<V1CSINodeStatus>("storageHealth", ["name"], patch: Merge, mergeKey: "name");

        t.AtomicList<V1StorageClass>("allowedTopologies");
        t.AtomicList<V1StorageClass>("mountOptions");

        t.AtomicList<V1StorageHealth>("healthConditions");
    }
}
