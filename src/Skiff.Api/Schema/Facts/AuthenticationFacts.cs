using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the authentication/v1 types, as upstream declares them.</summary>
internal static class AuthenticationFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1TokenRequestSpec>("audiences");

        t.AtomicList<V1TokenReviewSpec>("audiences");

        t.AtomicList<V1TokenReviewStatus>("audiences");

        t.AtomicList<V1UserInfo>("groups");
    }
}
