using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the rbac/v1 types, as upstream declares them.</summary>
internal static class RbacFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicStruct<Rbacv1Subject>();

        t.AtomicList<V1AggregationRule>("clusterRoleSelectors");

        t.AtomicList<V1ClusterRole>("rules");

        t.AtomicList<V1ClusterRoleBinding>("subjects");

        t.AtomicList<V1PolicyRule>("apiGroups");
        t.AtomicList<V1PolicyRule>("nonResourceURLs");
        t.AtomicList<V1PolicyRule>("resourceNames");
        t.AtomicList<V1PolicyRule>("resources");
        t.AtomicList<V1PolicyRule>("verbs");

        t.AtomicList<V1Role>("rules");

        t.AtomicList<V1RoleBinding>("subjects");

        t.AtomicStruct<V1RoleRef>();
    }
}
