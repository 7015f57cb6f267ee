using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the authorization/v1 types, as upstream declares them.</summary>
internal static class AuthorizationFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1FieldSelectorAttributes>("requirements");

        t.AtomicList<V1LabelSelectorAttributes>("requirements");

        t.AtomicList<V1NonResourceRule>("nonResourceURLs");
        t.AtomicList<V1NonResourceRule>("verbs");

        t.AtomicList<V1ResourceRule>("apiGroups");
        t.AtomicList<V1ResourceRule>("resourceNames");
        t.AtomicList<V1ResourceRule>("resources");
        t.AtomicList<V1ResourceRule>("verbs");

        t.AtomicList<V1SubjectAccessReviewSpec>("groups");

        t.AtomicList<V1SubjectRulesReviewStatus>("nonResourceRules");
        t.AtomicList<V1SubjectRulesReviewStatus>("resourceRules");
    }
}
