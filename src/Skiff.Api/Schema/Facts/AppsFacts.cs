using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the apps/v1 types, as upstream declares them.</summary>
internal static class AppsFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.MapList<V1DaemonSetStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.Patch<V1DeploymentSpec>("strategy", patch: RetainKeys);

        t.MapList<V1DeploymentStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.MapList<V1ReplicaSetStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.AtomicList<V1StatefulSetSpec>("volumeClaimTemplates");

        t.MapList<V1StatefulSetStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
    }
}
