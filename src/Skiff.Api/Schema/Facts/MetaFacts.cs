using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the meta/v1 types, as upstream declares them.</summary>
internal static class MetaFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1DeleteOptions>("dryRun");

        t.AtomicList<V1FieldSelectorRequirement>("values");

        t.AtomicStruct<V1LabelSelector>();
        t.AtomicList<V1LabelSelector>("matchExpressions");

        t.AtomicList<V1LabelSelectorRequirement>("values");

        t.SetList<V1ObjectMeta>("finalizers", patch: Merge);
        t.AtomicList<V1ObjectMeta>("managedFields");
        t.MapList<V1ObjectMeta>("ownerReferences", ["uid"], patch: Merge, mergeKey: "uid");

        t.AtomicStruct<V1OwnerReference>();
    }
}
