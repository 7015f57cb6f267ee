using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the flowcontrol/v1 types, as upstream declares them.</summary>
internal static class FlowControlFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1FlowSchemaSpec>("rules");

        t.MapList<V1FlowSchemaStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.SetList<V1NonResourcePolicyRule>("nonResourceURLs");
        t.SetList<V1NonResourcePolicyRule>("verbs");

        t.AtomicList<V1PolicyRulesWithSubjects>("nonResourceRules");
        t.AtomicList<V1PolicyRulesWithSubjects>("resourceRules");
        t.AtomicList<V1PolicyRulesWithSubjects>("subjects");

        t.MapList<V1PriorityLevelConfigurationStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.SetList<V1ResourcePolicyRule>("apiGroups");
        t.SetList<V1ResourcePolicyRule>("namespaces");
        t.SetList<V1ResourcePolicyRule>("resources");
        t.SetList<V1ResourcePolicyRule>("verbs");
    }
}
