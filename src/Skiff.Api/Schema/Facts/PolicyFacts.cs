using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the policy/v1 types, as upstream declares them.</summary>
internal static class PolicyFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.Patch<V1PodDisruptionBudgetSpec>("selector", patch: Replace);

        t.MapList<V1PodDisruptionBudgetStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
    }
}
