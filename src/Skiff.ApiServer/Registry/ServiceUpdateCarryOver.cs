using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Registry;

/// <summary>
/// An update that leaves out a Service's cluster IP or node ports keeps the ones it has, as upstream's service
/// registry does, so `kubectl replace` with the original manifest does not try to change them.
/// </summary>
internal static class ServiceUpdateCarryOver
{
    public static void Apply(JsonObject desired, JsonObject live)
    {
        if (desired["spec"] is not JsonObject spec || live["spec"] is not JsonObject liveSpec)
        {
            return;
        }

        var type = Json.Str(spec, "type");
        var liveType = Json.Str(liveSpec, "type");
        if (type != "ExternalName" && liveType != "ExternalName" && Json.Str(spec, "clusterIP").Length == 0 && spec["clusterIPs"] is null)
        {
            Copy(liveSpec, spec, "clusterIP");
            Copy(liveSpec, spec, "clusterIPs");
        }

        if (type is "NodePort" or "LoadBalancer" && liveType is "NodePort" or "LoadBalancer" && spec["ports"] is JsonArray ports)
        {
            var livePorts = (liveSpec["ports"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            foreach (var port in ports.OfType<JsonObject>())
            {
                if (NodePort(port) != 0)
                {
                    continue;
                }

                var match = livePorts.FirstOrDefault(p => SamePort(p, port));
                if (match is not null && NodePort(match) != 0)
                {
                    port["nodePort"] = match["nodePort"]!.DeepClone();
                }
            }

            if (spec["healthCheckNodePort"] is null && Json.Str(spec, "externalTrafficPolicy") is "Local" or "")
            {
                Copy(liveSpec, spec, "healthCheckNodePort");
            }
        }
    }

    private static bool SamePort(JsonObject a, JsonObject b) =>
        JsonNode.DeepEquals(a["port"], b["port"]) && (Json.Str(a, "protocol") is var pa && Json.Str(b, "protocol") is var pb && (pa == pb || pb.Length == 0));

    private static long NodePort(JsonObject port) => Admission.JsonFields.AsLong(port["nodePort"]) ?? 0;

    private static void Copy(JsonObject from, JsonObject to, string key)
    {
        if (from[key] is { } value)
        {
            to[key] = value.DeepClone();
        }
    }
}
