using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the node/v1 types, as upstream declares them.</summary>
internal static class NodeFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicMap<V1Scheduling>("nodeSelector");
        t.AtomicList<V1Scheduling>("tolerations");
    }
}
