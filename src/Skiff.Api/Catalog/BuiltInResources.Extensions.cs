using k8s.Models;

namespace Skiff.Api.Catalog;

public static partial class BuiltInResources
{
    private static string[] ApiExtensionsCategory => ["api-extensions"];

    private static IReadOnlyList<ResourceInfo> ApiExtensions =>
    [
        Entry(
            "apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false,
            typeof(V1CustomResourceDefinition), ["crd", "crds"], ApiExtensionsCategory,
            [SubresourceInfo.Status("CustomResourceDefinition")]),
    ];

    private static IReadOnlyList<ResourceInfo> AdmissionRegistration =>
    [
        Entry(
            "admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false,
            typeof(V1MutatingWebhookConfiguration), categories: ApiExtensionsCategory),
        Entry(
            "admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", "ValidatingAdmissionPolicy", false,
            typeof(V1ValidatingAdmissionPolicy), categories: ApiExtensionsCategory,
            subresources: [SubresourceInfo.Status("ValidatingAdmissionPolicy")]),
        Entry(
            "admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding", false,
            typeof(V1ValidatingAdmissionPolicyBinding), categories: ApiExtensionsCategory),
        Entry(
            "admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false,
            typeof(V1ValidatingWebhookConfiguration), categories: ApiExtensionsCategory),
    ];

    private static IReadOnlyList<ResourceInfo> ApiRegistration =>
    [
        Entry(
            "apiregistration.k8s.io", "v1", "apiservices", "APIService", false, typeof(V1APIService),
            categories: ApiExtensionsCategory, subresources: [SubresourceInfo.Status("APIService")]),
    ];

    private static IReadOnlyList<ResourceInfo> FlowControl =>
    [
        Entry(
            "flowcontrol.apiserver.k8s.io", "v1", "flowschemas", "FlowSchema", false, typeof(V1FlowSchema),
            subresources: [SubresourceInfo.Status("FlowSchema")]),
        Entry(
            "flowcontrol.apiserver.k8s.io", "v1", "prioritylevelconfigurations", "PriorityLevelConfiguration", false,
            typeof(V1PriorityLevelConfiguration), subresources: [SubresourceInfo.Status("PriorityLevelConfiguration")]),
    ];
}
