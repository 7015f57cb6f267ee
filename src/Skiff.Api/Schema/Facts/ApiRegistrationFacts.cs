using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the apiregistration/v1 types, as upstream declares them.</summary>
internal static class ApiRegistrationFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1APIServiceSpec>("caBundle");

        t.MapList<V1APIServiceStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
    }
}
