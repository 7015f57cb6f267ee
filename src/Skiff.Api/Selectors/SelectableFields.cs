using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.Api.Selectors;

/// <summary>
/// The field set upstream's storage computes for an object, which field selectors match
/// against. Values are spelled as Go prints them: bools "true"/"false", integers in decimal,
/// absent strings as "". A label accepted by <see cref="FieldLabels"/> but absent here (pods'
/// status.podIPs) reads as "", as upstream.
/// </summary>
public static class SelectableFields
{
    public static Dictionary<string, string> Extract(string group, string resource, bool namespaced, JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["metadata.name"] = Str(meta?["name"]),
        };
        if (namespaced)
        {
            fields["metadata.namespace"] = Str(meta?["namespace"]);
        }

        switch (group, resource)
        {
            case ("", "pods"):
                AddPod(obj, fields);
                break;
            case ("", "nodes"):
                fields["spec.unschedulable"] = Bool(obj["spec"]?["unschedulable"]);
                break;
            case ("", "replicationcontrollers") or ("apps", "replicasets"):
                fields["status.replicas"] = Int(obj["status"]?["replicas"]);
                break;
            case ("", "events"):
                AddEvent(obj, fields);
                break;
            case ("", "namespaces"):
                fields["status.phase"] = Str(obj["status"]?["phase"]);
                break;
            case ("", "secrets"):
                fields["type"] = Str(obj["type"]);
                break;
            case ("", "services"):
                fields["spec.clusterIP"] = Str(obj["spec"]?["clusterIP"]);
                fields["spec.type"] = Str(obj["spec"]?["type"]);
                break;
            case ("batch", "jobs"):
                // The label says "successful"; the field it reads is status.succeeded.
                fields["status.successful"] = Int(obj["status"]?["succeeded"]);
                break;
            case ("certificates.k8s.io", "certificatesigningrequests"):
                fields["spec.signerName"] = Str(obj["spec"]?["signerName"]);
                break;
        }

        return fields;
    }

    private static void AddPod(JsonObject pod, Dictionary<string, string> fields)
    {
        var spec = pod["spec"];
        var status = pod["status"];
        fields["spec.nodeName"] = Str(spec?["nodeName"]);
        fields["spec.restartPolicy"] = Str(spec?["restartPolicy"]);
        fields["spec.schedulerName"] = Str(spec?["schedulerName"]);
        fields["spec.serviceAccountName"] = Str(spec?["serviceAccountName"]);
        fields["spec.hostNetwork"] = Bool(spec?["hostNetwork"]);
        fields["status.phase"] = Str(status?["phase"]);
        // Upstream reads the first of status.podIPs; an object from an old client may only carry status.podIP.
        var firstIp = status?["podIPs"] is JsonArray { Count: > 0 } ips ? Str(ips[0]?["ip"]) : Str(status?["podIP"]);
        fields["status.podIP"] = firstIp;
        fields["status.nominatedNodeName"] = Str(status?["nominatedNodeName"]);
    }

    private static void AddEvent(JsonObject ev, Dictionary<string, string> fields)
    {
        var involved = ev["involvedObject"];
        foreach (var name in new[] { "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath" })
        {
            fields["involvedObject." + name] = Str(involved?[name]);
        }

        fields["reason"] = Str(ev["reason"]);
        fields["reportingComponent"] = Str(ev["reportingComponent"]);
        // Events written through events.k8s.io have no source.component; upstream falls back to the reporting controller.
        var source = Str(ev["source"]?["component"]);
        fields["source"] = source.Length > 0 ? source : Str(ev["reportingComponent"]);
        fields["type"] = Str(ev["type"]);
    }

    private static string Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    private static string Bool(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.True ? "true" : "false";

    private static string Int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n)
            ? n.ToString(CultureInfo.InvariantCulture)
            : "0";
}
