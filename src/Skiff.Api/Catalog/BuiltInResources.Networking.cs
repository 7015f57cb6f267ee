using k8s.Models;

namespace Skiff.Api.Catalog;

public static partial class BuiltInResources
{
    private static IReadOnlyList<ResourceInfo> Networking =>
    [
        Entry("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, typeof(V1IngressClass)),
        Entry(
            "networking.k8s.io", "v1", "ingresses", "Ingress", true, typeof(V1Ingress), ["ing"],
            subresources: [SubresourceInfo.Status("Ingress")]),
        Entry("networking.k8s.io", "v1", "ipaddresses", "IPAddress", false, typeof(V1IPAddress), ["ip"]),
        Entry("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, typeof(V1NetworkPolicy), ["netpol"]),
        Entry(
            "networking.k8s.io", "v1", "servicecidrs", "ServiceCIDR", false, typeof(V1ServiceCIDR),
            subresources: [SubresourceInfo.Status("ServiceCIDR")]),
    ];

    private static IReadOnlyList<ResourceInfo> Discovery =>
    [
        Entry("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true, typeof(V1EndpointSlice)),
    ];

    private static IReadOnlyList<ResourceInfo> Coordination =>
    [
        Entry("coordination.k8s.io", "v1", "leases", "Lease", true, typeof(V1Lease)),
    ];

    private static IReadOnlyList<ResourceInfo> Policy =>
    [
        Entry(
            "policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, typeof(V1PodDisruptionBudget), ["pdb"],
            subresources: [SubresourceInfo.Status("PodDisruptionBudget")]),
    ];

    // events.k8s.io Events are the core Events seen through another schema: upstream keeps them in
    // the core key space, stored as core v1, so both APIs list the same objects.
    private static IReadOnlyList<ResourceInfo> Events =>
    [
        Entry("events.k8s.io", "v1", "events", "Event", true, typeof(Eventsv1Event), ["ev"], storageVersion: "v1", storageGroup: ""),
    ];
}
