using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the autoscaling/v1, autoscaling/v2 types, as upstream declares them.</summary>
internal static class AutoscalingFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicStruct<V1CrossVersionObjectReference>();

        t.AtomicList<V2HPAScalingRules>("policies");

        t.AtomicList<V2HorizontalPodAutoscalerSpec>("metrics");

        t.MapList<V2HorizontalPodAutoscalerStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
        t.AtomicList<V2HorizontalPodAutoscalerStatus>("currentMetrics");
    }
}
