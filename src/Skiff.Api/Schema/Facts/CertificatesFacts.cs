using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the certificates/v1, certificates/v1beta1 types, as upstream declares them.</summary>
internal static class CertificatesFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1CertificateSigningRequestSpec>("groups");
        t.AtomicList<V1CertificateSigningRequestSpec>("usages");

        t.MapList<V1CertificateSigningRequestStatus>("conditions", ["type"]);

        t.MapList<V1PodCertificateRequestStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");

        t.MapList<V1beta1PodCertificateRequestStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
    }
}
