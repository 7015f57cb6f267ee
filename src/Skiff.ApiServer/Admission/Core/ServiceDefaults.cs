using System.Text.Json.Nodes;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>
/// Upstream's SetDefaults_Service, plus the IP family fields its service registry fills for a single-stack
/// IPv4 cluster.
/// </summary>
internal static class ServiceDefaults
{
    public const int DefaultClientIpTimeoutSeconds = 10800;

    public static void Apply(JsonObject spec)
    {
        FillString(spec, "sessionAffinity", "None");
        var affinity = Str(spec, "sessionAffinity");
        if (affinity == "None")
        {
            spec.Remove("sessionAffinityConfig");
        }
        else if (affinity == "ClientIP" && Long(Obj(Obj(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds") is null)
        {
            spec["sessionAffinityConfig"] = new JsonObject { ["clientIP"] = new JsonObject { ["timeoutSeconds"] = DefaultClientIpTimeoutSeconds } };
        }

        FillString(spec, "type", "ClusterIP");
        var type = Str(spec, "type");
        foreach (var port in Items(spec, "ports"))
        {
            FillString(port, "protocol", "TCP");
            if (IsZeroTargetPort(port["targetPort"]) && port["port"] is { } number)
            {
                port["targetPort"] = number.DeepClone();
            }
        }

        var externallyAccessible = type is "NodePort" or "LoadBalancer" || type == "ClusterIP" && Arr(spec, "externalIPs") is { Count: > 0 };
        if (externallyAccessible)
        {
            FillString(spec, "externalTrafficPolicy", "Cluster");
        }

        if (type is "ClusterIP" or "NodePort" or "LoadBalancer")
        {
            Fill(spec, "internalTrafficPolicy", "Cluster");
        }

        if (type == "LoadBalancer")
        {
            Fill(spec, "allocateLoadBalancerNodePorts", true);
        }

        DefaultClusterIps(spec, type);
    }

    private static void DefaultClusterIps(JsonObject spec, string type)
    {
        if (type == "ExternalName")
        {
            return;
        }

        var clusterIp = Str(spec, "clusterIP");
        var clusterIps = Arr(spec, "clusterIPs");
        if (clusterIp.Length == 0 && clusterIps is { Count: > 0 } && clusterIps[0] is JsonValue first && first.TryGetValue<string>(out var ip))
        {
            spec["clusterIP"] = ip;
        }
        else if (clusterIp.Length > 0 && clusterIps is not { Count: > 0 })
        {
            spec["clusterIPs"] = new JsonArray(clusterIp);
        }

        // Headless services without a selector may hold endpoints of any family, so upstream asks for both.
        var headlessWithoutSelector = Str(spec, "clusterIP") == "None" && Obj(spec, "selector") is not { Count: > 0 };
        FillString(spec, "ipFamilyPolicy", headlessWithoutSelector ? "RequireDualStack" : "SingleStack");
        if (Arr(spec, "ipFamilies") is not { Count: > 0 })
        {
            spec["ipFamilies"] = new JsonArray("IPv4");
        }
    }

    private static bool IsZeroTargetPort(JsonNode? targetPort) => targetPort switch
    {
        null => true,
        JsonValue v when AsLong(v) is { } n => n == 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        _ => false,
    };
}
