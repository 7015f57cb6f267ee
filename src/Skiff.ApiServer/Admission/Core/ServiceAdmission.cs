using System.Net.Sockets;
using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Core;

/// <summary>
/// Services: upstream's defaults and the common checks of ValidateService(Update). Cluster IPs and node ports
/// are handed out later, once the object is valid (see <c>Services.ServiceAllocator</c>).
/// </summary>
public sealed class ServiceAdmission : KindAdmission
{
    private static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] Affinities = ["ClientIP", "None"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] TrafficPolicies = ["Cluster", "Local"];
    private static readonly string[] FamilyPolicies = ["SingleStack", "PreferDualStack", "RequireDualStack"];
    private static readonly string[] Families = ["IPv4", "IPv6"];

    public ServiceAdmission()
        : base(string.Empty, "services")
    {
    }

    protected override void SetDefaults(JsonObject obj) => ServiceDefaults.Apply(Ensure(obj, "spec"));

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        var type = Str(spec, "type");
        if (!Types.Contains(type))
        {
            errors.Add(FieldError.NotSupported("spec.type", type, Types));
            return;
        }

        var headless = Str(spec, "clusterIP") == "None";
        var ports = Arr(spec, "ports");
        if (type != "ExternalName" && !headless && (ports is null || ports.Count == 0))
        {
            errors.Add(FieldError.Required("spec.ports"));
        }

        ValidatePorts(spec, type, errors);
        errors.AddRange(ObjectMetaValidation.ValidateLabels(StringMap(Obj(spec, "selector")), "spec.selector"));
        PodSpecValidation.CheckEnum(spec, "sessionAffinity", Affinities, "spec", errors);
        if (type == "ExternalName")
        {
            var externalName = Str(spec, "externalName").TrimEnd('.');
            if (externalName.Length == 0)
            {
                errors.Add(FieldError.Required("spec.externalName"));
            }
            else
            {
                errors.AddRange(NameValidation.IsDns1123Subdomain(externalName).Select(m => FieldError.Invalid("spec.externalName", Str(spec, "externalName"), m)));
            }

            return;
        }

        ValidateClusterIps(spec, errors);
        var externalPolicy = Str(spec, "externalTrafficPolicy");
        if (externalPolicy.Length > 0 && !TrafficPolicies.Contains(externalPolicy))
        {
            errors.Add(FieldError.NotSupported("spec.externalTrafficPolicy", externalPolicy, TrafficPolicies));
        }

        var internalPolicy = Str(spec, "internalTrafficPolicy");
        if (internalPolicy.Length > 0 && !TrafficPolicies.Contains(internalPolicy))
        {
            errors.Add(FieldError.NotSupported("spec.internalTrafficPolicy", internalPolicy, TrafficPolicies));
        }
    }

    protected override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        var oldSpec = Obj(old, "spec") ?? [];
        if (Str(spec, "type") == "ExternalName" || Str(oldSpec, "type") == "ExternalName")
        {
            return;
        }

        var oldIp = Str(oldSpec, "clusterIP");
        if (oldIp.Length > 0 && Str(spec, "clusterIP") != oldIp)
        {
            var now = (Arr(spec, "clusterIPs") ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty);
            errors.Add(FieldError.Invalid("spec.clusterIPs[0]", GoValue.StringSlice(now), "may not change once set"));
        }
    }

    private static void ValidatePorts(JsonObject spec, string type, List<FieldError> errors)
    {
        var ports = Items(spec, "ports").ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var nodePorts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var at = $"spec.ports[{i}]";
            var name = Str(port, "name");
            if (ports.Count > 1 && name.Length == 0)
            {
                errors.Add(FieldError.Required($"{at}.name"));
            }
            else if (name.Length > 0)
            {
                errors.AddRange(NameValidation.IsDns1123Label(name).Select(m => FieldError.Invalid($"{at}.name", name, m)));
                if (!names.Add(name))
                {
                    errors.Add(FieldError.Duplicate($"{at}.name", name));
                }
            }

            var number = Long(port, "port") ?? 0;
            PodSpecValidation.CheckPortNumber(number, $"{at}.port", errors);
            var protocol = Str(port, "protocol");
            if (!Protocols.Contains(protocol))
            {
                errors.Add(FieldError.NotSupported($"{at}.protocol", protocol, Protocols));
            }

            ValidateTargetPort(port["targetPort"], $"{at}.targetPort", errors);
            if (!seen.Add($"{number}/{protocol}"))
            {
                errors.Add(FieldError.Duplicate(at, new GoValue($"core.ServicePort{{Port:{number}, Protocol:{GoQuote.Quote(protocol)}}}")));
            }

            if (Long(port, "nodePort") is { } nodePort && nodePort != 0)
            {
                if (type == "ClusterIP")
                {
                    errors.Add(FieldError.Forbidden($"{at}.nodePort", "may not be used when `type` is 'ClusterIP'"));
                }
                else
                {
                    PodSpecValidation.CheckPortNumber(nodePort, $"{at}.nodePort", errors);
                    if (!nodePorts.Add($"{nodePort}/{protocol}"))
                    {
                        errors.Add(FieldError.Duplicate($"{at}.nodePort", nodePort));
                    }
                }
            }
        }
    }

    private static void ValidateTargetPort(JsonNode? targetPort, string field, List<FieldError> errors)
    {
        switch (targetPort)
        {
            case JsonValue v when AsLong(v) is { } n:
                PodSpecValidation.CheckPortNumber(n, field, errors);
                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                errors.AddRange(PortNames.Check(s).Select(m => FieldError.Invalid(field, s, m)));
                break;
        }
    }

    private static void ValidateClusterIps(JsonObject spec, List<FieldError> errors)
    {
        var clusterIp = Str(spec, "clusterIP");
        var clusterIps = (Arr(spec, "clusterIPs") ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty).ToList();
        if (clusterIp.Length > 0 && clusterIps.Count > 0 && clusterIps[0] != clusterIp)
        {
            errors.Add(FieldError.Invalid("spec.clusterIPs", GoValue.StringSlice(clusterIps), "first value must match `clusterIP`"));
        }

        for (var i = 0; i < clusterIps.Count; i++)
        {
            var ip = clusterIps[i];
            if (ip == "None")
            {
                if (clusterIps.Count > 1)
                {
                    errors.Add(FieldError.Invalid($"spec.clusterIPs[{i}]", ip, "must not be 'None' when more than one IP is specified"));
                }
            }
            else if (!StrictIp.TryParse(ip, out var parsed))
            {
                errors.Add(FieldError.Invalid($"spec.clusterIPs[{i}]", ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            }
            else if (parsed.AddressFamily == AddressFamily.InterNetworkV6)
            {
                errors.Add(FieldError.Invalid($"spec.clusterIPs[{i}]", ip, "expected an IPv4 value as indicated by `ipFamilies[0]`"));
            }
        }

        var policy = Str(spec, "ipFamilyPolicy");
        if (policy.Length > 0 && !FamilyPolicies.Contains(policy))
        {
            errors.Add(FieldError.NotSupported("spec.ipFamilyPolicy", policy, FamilyPolicies));
        }
        else if (policy == "RequireDualStack" && clusterIp != "None")
        {
            errors.Add(FieldError.Invalid("spec.ipFamilyPolicy", policy, "this cluster is not configured for dual-stack services"));
        }

        foreach (var (family, i) in (Arr(spec, "ipFamilies") ?? []).Select((f, i) => (f is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty, i)))
        {
            if (!Families.Contains(family))
            {
                errors.Add(FieldError.NotSupported($"spec.ipFamilies[{i}]", family, Families));
            }
            else if (family == "IPv6" && clusterIp != "None")
            {
                errors.Add(FieldError.Invalid($"spec.ipFamilies[{i}]", family, "not configured on this cluster"));
            }
        }
    }
}
