using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the apiserverinternal/v1alpha1 types, as upstream declares them.</summary>
internal static class ApiServerInternalFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.SetList<V1alpha1ServerStorageVersion>("decodableVersions");
        t.SetList<V1alpha1ServerStorageVersion>("servedVersions");

        t.MapList<V1alpha1StorageVersionStatus>("conditions", ["type"]);
        t.MapList<V1alpha1StorageVersionStatus>("storageVersions", ["apiServerID"]);
    }
}
