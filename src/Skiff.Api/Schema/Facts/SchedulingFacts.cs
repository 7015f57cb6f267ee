using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the scheduling/v1alpha3, scheduling/v1beta1 types, as upstream declares them.</summary>
internal static class SchedulingFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1alpha3CompositePodGroupSchedulingConstraints>("topology");

        t.MapList<V1alpha3CompositePodGroupStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.MapList<V1alpha3CompositePodGroupTemplate>("compositePodGroupTemplates", ["name"]);
        t.MapList<V1alpha3CompositePodGroupTemplate>("podGroupTemplates", ["name"]);

        t.AtomicList<V1alpha3PodGroupSchedulingConstraints>("topology");

        t.MapList<V1alpha3PodGroupSpec>("resourceClaims", ["name"], patch: Merge | RetainKeys, mergeKey: "name");

        t.MapList<V1alpha3PodGroupStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
        t.MapList<V1alpha3PodGroupStatus>("resourceClaimStatuses", ["name"], patch: Merge | RetainKeys, mergeKey: "name");

        t.MapList<V1alpha3PodGroupTemplate>("resourceClaims", ["name"], patch: Merge | RetainKeys, mergeKey: "name");

        t.AtomicList<V1alpha3WorkloadPodGroupSchedulingConstraints>("topology");

        t.MapList<V1alpha3WorkloadSpec>("compositePodGroupTemplates", ["name"]);
        t.MapList<V1alpha3WorkloadSpec>("podGroupTemplates", ["name"]);

        t.AtomicList<V1beta1CompositePodGroupSchedulingConstraints>("topology");

        t.MapList<V1beta1CompositePodGroupTemplate>("compositePodGroupTemplates", ["name"]);
        t.MapList<V1beta1CompositePodGroupTemplate>("podGroupTemplates", ["name"]);

        t.AtomicList<V1beta1PodGroupSchedulingConstraints>("topology");

        t.MapList<V1beta1PodGroupSpec>("resourceClaims", ["name"], patch: Merge | RetainKeys, mergeKey: "name");

        t.MapList<V1beta1PodGroupStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
        t.MapList<V1beta1PodGroupStatus>("resourceClaimStatuses", ["name"], patch: Merge | RetainKeys, mergeKey: "name");

        t.MapList<V1beta1PodGroupTemplate>("resourceClaims", ["name"], patch: Merge | RetainKeys, mergeKey: "name");

        t.MapList<V1beta1WorkloadSpec>("compositePodGroupTemplates", ["name"]);
        t.MapList<V1beta1WorkloadSpec>("podGroupTemplates", ["name"]);
    }
}
