using System.Text.Json.Nodes;
using Skiff.Api.Validation;
using static Skiff.ApiServer.Admission.JsonFields;

namespace Skiff.ApiServer.Admission.Networking;

/// <summary>NetworkPolicies: ports default to TCP; policyTypes default to Ingress, plus Egress when egress rules exist.</summary>
public sealed class NetworkPolicyAdmission : KindAdmission
{
    public NetworkPolicyAdmission()
        : base("networking.k8s.io", "networkpolicies")
    {
    }

    protected override void SetDefaults(JsonObject obj)
    {
        var spec = Ensure(obj, "spec");
        foreach (var direction in (string[])["ingress", "egress"])
        {
            foreach (var port in Items(spec, direction).SelectMany(rule => Items(rule, "ports")))
            {
                FillString(port, "protocol", "TCP");
            }
        }

        if (Arr(spec, "policyTypes") is not { Count: > 0 })
        {
            var types = new JsonArray("Ingress");
            if (Arr(spec, "egress") is { Count: > 0 })
            {
                types.Add("Egress");
            }

            spec["policyTypes"] = types;
        }
    }

    protected override void ValidateObject(JsonObject obj, List<FieldError> errors)
    {
        var spec = Obj(obj, "spec") ?? [];
        errors.AddRange(LabelSelectorValidation.Validate(spec["podSelector"], "spec.podSelector"));
        foreach (var (type, i) in (Arr(spec, "policyTypes") ?? []).Select((t, i) => (t is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty, i)))
        {
            if (type is not ("Ingress" or "Egress"))
            {
                errors.Add(FieldError.NotSupported($"spec.policyTypes[{i}]", type, ["Ingress", "Egress"]));
            }
        }
    }
}
