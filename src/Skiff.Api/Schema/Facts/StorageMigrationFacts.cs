using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the storagemigration/v1, storagemigration/v1beta1 types, as upstream declares them.</summary>
internal static class StorageMigrationFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.MapList<V1StorageVersionMigrationStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.MapList<V1beta1StorageVersionMigrationStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
    }
}
