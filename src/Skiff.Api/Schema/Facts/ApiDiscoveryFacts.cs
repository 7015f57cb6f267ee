using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the apidiscovery/v2, apidiscovery/v2beta1 types, as upstream declares them.</summary>
internal static class ApiDiscoveryFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.MapList<V2APIGroupDiscovery>("versions", ["version"]);

        t.SetList<V2APIResourceDiscovery>("categories");
        t.SetList<V2APIResourceDiscovery>("shortNames");
        t.MapList<V2APIResourceDiscovery>("subresources", ["subresource"]);
        t.SetList<V2APIResourceDiscovery>("verbs");

        t.MapList<V2APISubresourceDiscovery>("acceptedTypes", ["group", "version", "kind"]);
        t.SetList<V2APISubresourceDiscovery>("verbs");

        t.MapList<V2APIVersionDiscovery>("resources", ["resource"]);

        t.MapList<V2beta1APIGroupDiscovery>("versions", ["version"]);

        t.SetList<V2beta1APIResourceDiscovery>("categories");
        t.SetList<V2beta1APIResourceDiscovery>("shortNames");
        t.MapList<V2beta1APIResourceDiscovery>("subresources", ["subresource"]);
        t.SetList<V2beta1APIResourceDiscovery>("verbs");

        t.MapList<V2beta1APISubresourceDiscovery>("acceptedTypes", ["group", "version", "kind"]);
        t.SetList<V2beta1APISubresourceDiscovery>("verbs");

        t.MapList<V2beta1APIVersionDiscovery>("resources", ["resource"]);
    }
}
