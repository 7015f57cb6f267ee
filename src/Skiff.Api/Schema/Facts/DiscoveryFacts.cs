using k8s.Models;
using static Skiff.Api.Schema.PatchStrategy;

namespace Skiff.Api.Schema.Facts;

/// <summary>List, map and patch facts of the discovery/v1 types, as upstream declares them.</summary>
internal static class DiscoveryFacts
{
    public static void AddTo(PatchFactsTable t)
    {
        t.AtomicStruct<Discoveryv1EndpointPort>();

        t.SetList<V1Endpoint>("addresses");

        t.AtomicList<V1EndpointHints>("forNodes");
        t.AtomicList<V1EndpointHints>("forZones");

        t.AtomicList<V1EndpointSlice>("endpoints");
        t.AtomicList<V1EndpointSlice>("ports");
    }
}
