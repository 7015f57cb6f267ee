using System.Text.Json.Nodes;

namespace Skiff.Api.Objects;

/// <summary>
/// The autoscaling.alpha.kubernetes.io/behavior annotation. Upstream marshals its internal behavior
/// type, which has no JSON tags, so the keys are Go field names (ScaleUp, StabilizationWindowSeconds,
/// ...) with unset pointers as null; reading matches keys ignoring case, as Go's decoder does.
/// </summary>
internal static class HpaBehaviorAnnotation
{
    private static readonly (string Api, string Go)[] _ruleFields =
        [("stabilizationWindowSeconds", "StabilizationWindowSeconds"), ("selectPolicy", "SelectPolicy"), ("policies", "Policies"), ("tolerance", "Tolerance")];

    private static readonly (string Api, string Go)[] _policyFields = [("type", "Type"), ("value", "Value"), ("periodSeconds", "PeriodSeconds")];

    public static JsonObject Encode(JsonObject behavior) => new()
    {
        ["ScaleUp"] = EncodeRules(behavior["scaleUp"] as JsonObject),
        ["ScaleDown"] = EncodeRules(behavior["scaleDown"] as JsonObject),
    };

    public static JsonObject? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        JsonObject? encoded;
        try
        {
            encoded = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        var result = new JsonObject();
        if (DecodeRules(Field(encoded, "ScaleUp")) is { } up)
        {
            result["scaleUp"] = up;
        }

        if (DecodeRules(Field(encoded, "ScaleDown")) is { } down)
        {
            result["scaleDown"] = down;
        }

        return result.Count > 0 ? result : null;
    }

    private static JsonObject? EncodeRules(JsonObject? rules)
    {
        if (rules is null)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (api, go) in _ruleFields)
        {
            result[go] = api == "policies" && rules[api] is JsonArray policies
                ? new JsonArray([.. policies.OfType<JsonObject>().Select(p => Rename(p, _policyFields, toGo: true))])
                : rules[api]?.DeepClone();
        }

        return result;
    }

    private static JsonObject? DecodeRules(JsonNode? node)
    {
        if (node is not JsonObject rules)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (api, go) in _ruleFields)
        {
            var value = Field(rules, go);
            if (value is null)
            {
                continue;
            }

            result[api] = api == "policies" && value is JsonArray policies
                ? new JsonArray([.. policies.OfType<JsonObject>().Select(p => Rename(p, _policyFields, toGo: false))])
                : value.DeepClone();
        }

        return result;
    }

    private static JsonObject Rename(JsonObject source, (string Api, string Go)[] fields, bool toGo)
    {
        var result = new JsonObject();
        foreach (var (api, go) in fields)
        {
            result[toGo ? go : api] = (toGo ? source[api] : Field(source, go))?.DeepClone();
        }

        return result;
    }

    private static JsonNode? Field(JsonObject? obj, string name)
    {
        if (obj is null)
        {
            return null;
        }

        if (obj.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        return obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
