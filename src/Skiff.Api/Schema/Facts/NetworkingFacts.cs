using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the networking/v1 types, as upstream declares them.</summary>
internal static class NetworkingFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicList<V1HTTPIngressRuleValue>("paths");

        t.AtomicList<V1IPBlock>("except");

        t.AtomicList<V1IngressLoadBalancerIngress>("ports");

        t.AtomicList<V1IngressLoadBalancerStatus>("ingress");

        t.AtomicList<V1IngressSpec>("rules");
        t.AtomicList<V1IngressSpec>("tls");

        t.AtomicList<V1IngressTLS>("hosts");

        t.AtomicList<V1NetworkPolicyEgressRule>("ports");
        t.AtomicList<V1NetworkPolicyEgressRule>("to");

        t.AtomicList<V1NetworkPolicyIngressRule>("from");
        t.AtomicList<V1NetworkPolicyIngressRule>("ports");

        t.AtomicList<V1NetworkPolicySpec>("egress");
        t.AtomicList<V1NetworkPolicySpec>("ingress");
        t.AtomicList<V1NetworkPolicySpec>("policyTypes");

        t.AtomicStruct<V1ServiceBackendPort>();

        t.AtomicList<V1ServiceCIDRSpec>("cidrs");

        t.MapList<V1ServiceCIDRStatus>("conditions", ["type"], patch: Merge, mergeKey: "type");
    }
}
