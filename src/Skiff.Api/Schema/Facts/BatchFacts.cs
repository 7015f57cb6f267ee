using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the batch/v1 types, as upstream declares them.</summary>
internal static class BatchFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1CronJobStatus>("active");

        t.MapList<V1JobSchedulingConfiguration>("resourceClaims", ["name"], patch: Merge, mergeKey: "name");

        t.AtomicList<V1JobStatus>("conditions", patch: Merge, mergeKey: "type");

        t.AtomicList<V1PodFailurePolicy>("rules");

        t.SetList<V1PodFailurePolicyOnExitCodesRequirement>("values");

        t.AtomicList<V1PodFailurePolicyRule>("onPodConditions");

        t.AtomicList<V1SuccessPolicy>("rules");

        t.SetList<V1UncountedTerminatedPods>("failed");
        t.SetList<V1UncountedTerminatedPods>("succeeded");
    }
}
