using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the lifecycle/v1alpha1 types, as upstream declares them.</summary>
internal static class LifecycleFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.MapList<V1alpha1EvictionRequestStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.MapList<V1alpha1EvictionStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
        t.MapList<V1alpha1EvictionStatus>("requesters", ["name"], patch: Merge, mergeKey: "name");
        t.MapList<V1alpha1EvictionStatus>("responders", ["name"], patch: Merge, mergeKey: "name");
        t.MapList<V1alpha1EvictionStatus>("targetResponders", ["name"], patch: Merge, mergeKey: "name");

        t.AtomicStruct<V1alpha1Requester>();

        t.AtomicStruct<V1alpha1TargetResponder>();
    }
}
