using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Services, endpoints and the networking group.</summary>
internal static class NetworkPrinters
{
    // Non-wide load balancer addresses are clipped to this many bytes.
    private const int LoadBalancerWidth = 16;

    public static readonly TablePrinter Service = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Type", "string", ColumnDescriptions.ServiceSpecType),
            new("Cluster-IP", "string", ColumnDescriptions.ServiceSpecClusterIP),
            new("External-IP", "string", ColumnDescriptions.ServiceSpecExternalIPs),
            new("Port(s)", "string", ColumnDescriptions.ServiceSpecPorts),
            TableColumn.Age,
            new("Selector", "string", ColumnDescriptions.ServiceSpecSelector, 1),
        ],
        (obj, now) =>
        {
            var spec = obj.Obj("spec");
            // Old clients write only spec.clusterIP; upstream's conversion fills clusterIPs from it.
            var clusterIp = spec.Arr("clusterIPs").FirstOrDefault().Str() is { Length: > 0 } first ? first : spec.Str("clusterIP");
            var ports = string.Join(",", spec.Objects("ports").Select(PortText));
            // The server always prints wide, so load balancer addresses are never clipped.
            return new JsonArray(Cells.Name(obj), spec.Str("type"), Cells.OrNone(clusterIp),
                ExternalIp(obj, wide: true), Cells.OrNone(ports), Cells.Age(obj, now),
                LabelFormat.Map(spec.Obj("selector")));
        });

    public static readonly TablePrinter Endpoints = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Endpoints", "string", ColumnDescriptions.EndpointsSubsets),
            TableColumn.Age,
        ],
        (obj, now) => new JsonArray(Cells.Name(obj), FormatEndpoints(obj), Cells.Age(obj, now)));

    public static readonly TablePrinter EndpointSlice = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("AddressType", "string", ColumnDescriptions.EndpointSliceAddressType),
            new("Ports", "string", ColumnDescriptions.EndpointSlicePorts),
            new("Endpoints", "string", ColumnDescriptions.EndpointSliceEndpoints),
            TableColumn.Age,
        ],
        (obj, now) =>
        {
            var ports = obj.Objects("ports")
                .Select(p => p.OptLong("port") is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : p.OptStr("name") ?? "*")
                .ToList();
            var addresses = obj.Objects("endpoints").SelectMany(e => e.Arr("addresses").Select(a => a.Str())).ToList();
            return new JsonArray(Cells.Name(obj), obj.Str("addressType"), Cells.ListWithMore(ports),
                Cells.ListWithMore(addresses), Cells.Age(obj, now));
        });

    public static readonly TablePrinter Ingress = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
            new("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
            new("Address", "string", "Address is a list containing ingress points for the load-balancer"),
            new("Ports", "string", "Ports of TLS configurations that open"),
            TableColumn.Age,
        ],
        (obj, now) => new JsonArray(Cells.Name(obj), obj.OptStr("spec", "ingressClassName") ?? LabelFormat.None,
            Hosts(obj.Objects("spec", "rules").ToList()), LoadBalancer(obj.Obj("status", "loadBalancer"), wide: true),
            obj.Arr("spec", "tls").Count != 0 ? "80, 443" : "80", Cells.Age(obj, now)));

    public static readonly TablePrinter IngressClass = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Controller", "string", "Controller that is responsible for handling this class"),
            new("Parameters", "string", "A reference to a resource with additional parameters"),
            TableColumn.Age,
        ],
        (obj, now) =>
        {
            var parameters = LabelFormat.None;
            if (obj.Obj("spec", "parameters") is { } p)
            {
                parameters = p.Str("kind");
                if (p.OptStr("apiGroup") is { } group)
                {
                    parameters += "." + group;
                }
                parameters += "/" + p.Str("name");
            }
            return new JsonArray(Cells.Name(obj), obj.Str("spec", "controller"), parameters, Cells.Age(obj, now));
        });

    public static readonly TablePrinter NetworkPolicy = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Pod-Selector", "string", ColumnDescriptions.NetworkPolicySpecPodSelector),
            TableColumn.Age,
        ],
        (obj, now) => new JsonArray(Cells.Name(obj), LabelFormat.Selector(obj.Obj("spec", "podSelector") ?? []),
            Cells.Age(obj, now)));

    public static readonly TablePrinter ServiceCidr = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("CIDRs", "string", ColumnDescriptions.ServiceCIDRSpecCidrs),
            TableColumn.Age,
        ],
        (obj, now) => new JsonArray(Cells.Name(obj), string.Join(",", obj.Arr("spec", "cidrs").Select(c => c.Str())),
            Cells.Age(obj, now)));

    public static readonly TablePrinter IpAddress = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("ParentRef", "string", ColumnDescriptions.IPAddressSpecParentRef),
        ],
        (obj, now) =>
        {
            var parent = LabelFormat.None;
            if (obj.Obj("spec", "parentRef") is { } p)
            {
                var group = p.Str("group");
                parent = (group.Length == 0 ? p.Str("resource") : p.Str("resource") + "." + group).ToLowerInvariant();
                if (p.Str("namespace") is { Length: > 0 } ns)
                {
                    parent += "/" + ns;
                }
                parent += "/" + p.Str("name");
            }
            // Upstream declares two columns for IPAddress but prints an AGE cell as a third.
            return new JsonArray(Cells.Name(obj), parent, Cells.Age(obj, now));
        });

    private static string PortText(JsonObject port)
    {
        var protocol = port.OptStr("protocol") ?? "TCP";
        var nodePort = port.Long("nodePort");
        return nodePort > 0 ? $"{port.Long("port")}:{nodePort}/{protocol}" : $"{port.Long("port")}/{protocol}";
    }

    private static string ExternalIp(JsonObject service, bool wide)
    {
        var spec = service.Obj("spec");
        var externalIps = spec.Arr("externalIPs").Select(ip => ip.Str()).ToList();
        switch (spec.Str("type"))
        {
            case "ClusterIP":
            case "NodePort":
                return externalIps.Count > 0 ? string.Join(",", externalIps) : LabelFormat.None;
            case "LoadBalancer":
                var lb = LoadBalancer(service.Obj("status", "loadBalancer"), wide);
                if (externalIps.Count > 0)
                {
                    var all = lb.Length > 0 ? lb.Split(',').ToList() : [];
                    all.AddRange(externalIps);
                    return string.Join(",", all);
                }
                return lb.Length > 0 ? lb : "<pending>";
            case "ExternalName":
                return spec.Str("externalName");
            default:
                return HumanDuration.Unknown;
        }
    }

    private static string LoadBalancer(JsonObject? status, bool wide)
    {
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ingress in status.Objects("ingress"))
        {
            if (ingress.Str("ip") is { Length: > 0 } ip)
            {
                addresses.Add(ip);
            }
            else if (ingress.Str("hostname") is { Length: > 0 } host)
            {
                addresses.Add(host);
            }
        }
        var text = string.Join(",", addresses);
        return !wide && text.Length > LoadBalancerWidth ? text[..(LoadBalancerWidth - 3)] + "..." : text;
    }

    private static string Hosts(IReadOnlyList<JsonObject> rules)
    {
        const int max = 3;
        var hosts = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            if (hosts.Count == max)
            {
                more = true;
            }
            if (!more && rule.Str("host") is { Length: > 0 } host)
            {
                hosts.Add(host);
            }
        }
        if (hosts.Count == 0)
        {
            return "*";
        }
        var text = string.Join(",", hosts);
        return more ? $"{text} + {rules.Count - max} more..." : text;
    }

    private static string FormatEndpoints(JsonObject endpoints)
    {
        const int max = 3;
        var subsets = endpoints.Objects("subsets").ToList();
        if (subsets.Count == 0)
        {
            return LabelFormat.None;
        }
        var list = new List<string>();
        var more = false;
        var count = 0;
        foreach (var subset in subsets)
        {
            var addresses = subset.Objects("addresses").Select(a => a.Str("ip")).ToList();
            var ports = subset.Objects("ports").ToList();
            // Headless services may have no ports; their addresses print bare.
            var entries = ports.Count == 0
                ? new List<List<string>> { addresses }
                : ports.Select(p => addresses.Select(ip => JoinHostPort(ip, p.Long("port"))).ToList()).ToList();
            foreach (var group in entries)
            {
                count += group.Count;
                foreach (var entry in group)
                {
                    if (list.Count == max)
                    {
                        more = true;
                        break;
                    }
                    list.Add(entry);
                }
            }
        }
        var text = string.Join(",", list);
        return more ? $"{text} + {count - max} more..." : text;
    }

    private static string JoinHostPort(string host, long port) =>
        host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
}
