using k8s.Models;

namespace Skiff.Api.Catalog;

public static partial class BuiltInResources
{
    private static IReadOnlyList<ResourceInfo> Rbac =>
    [
        Entry("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, typeof(V1ClusterRoleBinding)),
        Entry("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, typeof(V1ClusterRole)),
        Entry("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, typeof(V1RoleBinding)),
        Entry("rbac.authorization.k8s.io", "v1", "roles", "Role", true, typeof(V1Role)),
    ];

    // Reviews are never stored: a create answers with the review's outcome.
    private static IReadOnlyList<ResourceInfo> Authentication =>
    [
        Entry("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", false, typeof(V1SelfSubjectReview), verbs: CreateOnly, stored: false),
        Entry("authentication.k8s.io", "v1", "tokenreviews", "TokenReview", false, typeof(V1TokenReview), verbs: CreateOnly, stored: false),
    ];

    private static IReadOnlyList<ResourceInfo> Authorization =>
    [
        Entry(
            "authorization.k8s.io", "v1", "localsubjectaccessreviews", "LocalSubjectAccessReview", true,
            typeof(V1LocalSubjectAccessReview), verbs: CreateOnly, stored: false),
        Entry(
            "authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false,
            typeof(V1SelfSubjectAccessReview), verbs: CreateOnly, stored: false),
        Entry(
            "authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview", false,
            typeof(V1SelfSubjectRulesReview), verbs: CreateOnly, stored: false),
        Entry(
            "authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", false,
            typeof(V1SubjectAccessReview), verbs: CreateOnly, stored: false),
    ];

    private static IReadOnlyList<ResourceInfo> Certificates =>
    [
        Entry(
            "certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", false,
            typeof(V1CertificateSigningRequest), ["csr"],
            subresources:
            [
                new("approval", "CertificateSigningRequest", SubresourceInfo.GetPatchUpdate),
                SubresourceInfo.Status("CertificateSigningRequest"),
            ]),
    ];
}
