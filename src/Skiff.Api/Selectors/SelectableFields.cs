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
    private static readonly string[] InvolvedObjectFields = ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"];

    public static Dictionary<string, string> Extract(string group, string resource, bool namespaced, JsonObject obj) =>
        Extract(group, resource, namespaced, new NodeReadable(obj));

    /// <summary>The same fields read from parsed JSON, for objects held as bytes (the watch cache's).</summary>
    public static Dictionary<string, string> Extract(string group, string resource, bool namespaced, JsonElement obj) =>
        Extract(group, resource, namespaced, new ElementReadable(obj));

    /// <summary>metadata.labels as label selectors read them: string values only.</summary>
    public static Dictionary<string, string> Labels<T>(T obj)
        where T : struct, IJsonReadable<T>
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        obj.Member("metadata").Member("labels").CopyStringMembers(labels);
        return labels;
    }

    private static Dictionary<string, string> Extract<T>(string group, string resource, bool namespaced, T obj)
        where T : struct, IJsonReadable<T>
    {
        var meta = obj.Member("metadata");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["metadata.name"] = meta.Member("name").String(),
        };
        if (namespaced)
        {
            fields["metadata.namespace"] = meta.Member("namespace").String();
        }

        switch (group, resource)
        {
            case ("", "pods"):
                AddPod(obj, fields);
                break;
            case ("", "nodes"):
                fields["spec.unschedulable"] = Bool(obj.Member("spec").Member("unschedulable"));
                break;
            case ("", "replicationcontrollers") or ("apps", "replicasets"):
                fields["status.replicas"] = Int(obj.Member("status").Member("replicas"));
                break;
            case ("", "events"):
                AddEvent(obj, fields);
                break;
            case ("", "namespaces"):
                fields["status.phase"] = obj.Member("status").Member("phase").String();
                break;
            case ("", "secrets"):
                fields["type"] = obj.Member("type").String();
                break;
            case ("", "services"):
                fields["spec.clusterIP"] = obj.Member("spec").Member("clusterIP").String();
                fields["spec.type"] = obj.Member("spec").Member("type").String();
                break;
            case ("batch", "jobs"):
                // The label says "successful"; the field it reads is status.succeeded.
                fields["status.successful"] = Int(obj.Member("status").Member("succeeded"));
                break;
            case ("certificates.k8s.io", "certificatesigningrequests"):
                fields["spec.signerName"] = obj.Member("spec").Member("signerName").String();
                break;
        }

        return fields;
    }

    private static void AddPod<T>(T pod, Dictionary<string, string> fields)
        where T : struct, IJsonReadable<T>
    {
        var spec = pod.Member("spec");
        var status = pod.Member("status");
        fields["spec.nodeName"] = spec.Member("nodeName").String();
        fields["spec.restartPolicy"] = spec.Member("restartPolicy").String();
        fields["spec.schedulerName"] = spec.Member("schedulerName").String();
        fields["spec.serviceAccountName"] = spec.Member("serviceAccountName").String();
        fields["spec.hostNetwork"] = Bool(spec.Member("hostNetwork"));
        fields["status.phase"] = status.Member("phase").String();
        // Upstream reads the first of status.podIPs; an object from an old client may only carry status.podIP.
        fields["status.podIP"] = status.Member("podIPs").TryFirstItem(out var first)
            ? first.Member("ip").String()
            : status.Member("podIP").String();
        fields["status.nominatedNodeName"] = status.Member("nominatedNodeName").String();
    }

    private static void AddEvent<T>(T ev, Dictionary<string, string> fields)
        where T : struct, IJsonReadable<T>
    {
        var involved = ev.Member("involvedObject");
        foreach (var name in InvolvedObjectFields)
        {
            fields["involvedObject." + name] = involved.Member(name).String();
        }

        fields["reason"] = ev.Member("reason").String();
        fields["reportingComponent"] = ev.Member("reportingComponent").String();
        // Events written through events.k8s.io have no source.component; upstream falls back to the reporting controller.
        var source = ev.Member("source").Member("component").String();
        fields["source"] = source.Length > 0 ? source : ev.Member("reportingComponent").String();
        fields["type"] = ev.Member("type").String();
    }

    private static string Bool<T>(T value)
        where T : struct, IJsonReadable<T> => value.IsTrue() ? "true" : "false";

    private static string Int<T>(T value)
        where T : struct, IJsonReadable<T> => value.Integer() is { } n ? n.ToString(CultureInfo.InvariantCulture) : "0";
}
