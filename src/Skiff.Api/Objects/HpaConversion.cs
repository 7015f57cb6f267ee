using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.Api.Objects;

/// <summary>
/// Converts HorizontalPodAutoscalers between autoscaling/v2 (how upstream stores them) and
/// autoscaling/v1. v1 can only say "target this CPU utilization"; everything else v2 holds (other
/// metrics, current metrics, behavior, conditions) rides in autoscaling.alpha.kubernetes.io/*
/// annotations, so a v1 client that reads and writes an object back loses nothing, as upstream does.
/// </summary>
public static class HpaConversion
{
    public const string MetricsAnnotation = "autoscaling.alpha.kubernetes.io/metrics";
    public const string CurrentMetricsAnnotation = "autoscaling.alpha.kubernetes.io/current-metrics";
    public const string ConditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions";
    public const string BehaviorAnnotation = "autoscaling.alpha.kubernetes.io/behavior";

    /// <summary>The CPU utilization target v1 objects imply when they name none (upstream's DefaultCPUUtilization).</summary>
    public const int DefaultCpuUtilization = 80;

    // Upstream drops every round-trip annotation whenever it converts, including the tolerance ones
    // it has since added, so stale copies never shadow the real fields.
    private static readonly string[] _roundTripAnnotations =
    [
        MetricsAnnotation, BehaviorAnnotation, "autoscaling.alpha.kubernetes.io/scale-down-tolerance",
        "autoscaling.alpha.kubernetes.io/scale-up-tolerance", CurrentMetricsAnnotation, ConditionsAnnotation,
    ];

    // Go's encoder writes non-ASCII as is; only the HTML-sensitive characters differ, which never occur in these values.
    private static readonly JsonSerializerOptions _compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToV1(JsonObject v2)
    {
        var spec = v2["spec"] as JsonObject ?? [];
        var status = v2["status"] as JsonObject ?? [];
        var metrics = Items(spec["metrics"]);
        var currentMetrics = Items(status["currentMetrics"]);

        var specV1 = new JsonObject { ["scaleTargetRef"] = HpaMetricShapes.Reference(spec["scaleTargetRef"]) };
        Put(specV1, "minReplicas", spec["minReplicas"]);
        specV1["maxReplicas"] = spec["maxReplicas"]?.DeepClone() ?? 0;
        if (metrics.FirstOrDefault(IsCpuUtilization) is { } cpu)
        {
            specV1["targetCPUUtilizationPercentage"] = cpu["resource"]!["target"]!["averageUtilization"]!.DeepClone();
        }

        var statusV1 = Replicas(status);
        // Upstream's loop has no break: the last CPU utilization reading wins.
        foreach (var metric in currentMetrics.Where(m => Str(m, "type") == "Resource" && Str(m["resource"] as JsonObject, "name") == "cpu"))
        {
            Put(statusV1, "currentCPUUtilizationPercentage", metric["resource"]?["current"]?["averageUtilization"]);
        }

        var annotations = new List<(string, string)>();
        var others = metrics.Where(m => !IsCpuUtilization(m)).Select(HpaMetricShapes.SpecToV1).ToList();
        if (others.Count > 0)
        {
            annotations.Add((MetricsAnnotation, Compact(new JsonArray([.. others]))));
        }

        if (currentMetrics.Count > 0)
        {
            annotations.Add((CurrentMetricsAnnotation, Compact(new JsonArray([.. currentMetrics.Select(HpaMetricShapes.StatusToV1)]))));
        }

        if (spec["behavior"] is JsonObject behavior)
        {
            annotations.Add((BehaviorAnnotation, Compact(HpaBehaviorAnnotation.Encode(behavior))));
        }

        if (status["conditions"] is JsonArray { Count: > 0 } conditions)
        {
            annotations.Add((ConditionsAnnotation, Compact(conditions)));
        }

        return Assemble(v2, "autoscaling/v1", specV1, statusV1, annotations);
    }

    public static JsonObject ToV2(JsonObject v1)
    {
        var spec = v1["spec"] as JsonObject ?? [];
        var status = v1["status"] as JsonObject ?? [];
        var annotations = v1["metadata"]?["annotations"] as JsonObject;

        var metrics = new JsonArray();
        foreach (var other in Items(ParseAnnotation(annotations, MetricsAnnotation)))
        {
            metrics.Add(HpaMetricShapes.SpecToV2(other));
        }

        // The CPU target goes after the annotation's metrics, where upstream appends it.
        if (spec["targetCPUUtilizationPercentage"] is { } target)
        {
            metrics.Add(CpuMetric("target", "type", "Utilization", target.DeepClone()));
        }

        if (metrics.Count == 0)
        {
            metrics.Add(CpuMetric("target", "type", "Utilization", DefaultCpuUtilization));
        }

        var specV2 = new JsonObject { ["scaleTargetRef"] = HpaMetricShapes.Reference(spec["scaleTargetRef"]) };
        specV2["minReplicas"] = spec["minReplicas"]?.DeepClone() ?? 1;
        specV2["maxReplicas"] = spec["maxReplicas"]?.DeepClone() ?? 0;
        specV2["metrics"] = metrics;
        if (HpaBehaviorAnnotation.Decode(annotations?[BehaviorAnnotation]?.GetValue<string>()) is { } behavior)
        {
            specV2["behavior"] = behavior;
        }

        var statusV2 = Replicas(status);
        if (ParseAnnotation(annotations, CurrentMetricsAnnotation) is JsonArray current)
        {
            // The annotation holds every raw reading, so it wins over the single CPU percentage.
            statusV2["currentMetrics"] = new JsonArray([.. Items(current).Select(HpaMetricShapes.StatusToV2)]);
        }
        else if (status["currentCPUUtilizationPercentage"] is { } utilization)
        {
            statusV2["currentMetrics"] = new JsonArray(CpuMetric("current", "averageUtilization", null, utilization.DeepClone()));
        }

        if (ParseAnnotation(annotations, ConditionsAnnotation) is JsonArray conditions)
        {
            statusV2["conditions"] = conditions;
        }

        return Assemble(v1, "autoscaling/v2", specV2, statusV2, []);
    }

    private static bool IsCpuUtilization(JsonObject metric) =>
        Str(metric, "type") == "Resource"
        && metric["resource"] is JsonObject resource
        && Str(resource, "name") == "cpu"
        && resource["target"]?["averageUtilization"] is not null;

    private static JsonObject CpuMetric(string section, string firstKey, string? firstValue, JsonNode value)
    {
        var inner = firstValue is null ? new JsonObject { [firstKey] = value } : new JsonObject { [firstKey] = firstValue, ["averageUtilization"] = value };
        return new JsonObject { ["type"] = "Resource", ["resource"] = new JsonObject { ["name"] = "cpu", [section] = inner } };
    }

    private static JsonObject Replicas(JsonObject status)
    {
        var result = new JsonObject();
        Put(result, "observedGeneration", status["observedGeneration"]);
        Put(result, "lastScaleTime", status["lastScaleTime"]);
        result["currentReplicas"] = status["currentReplicas"]?.DeepClone() ?? 0;
        result["desiredReplicas"] = status["desiredReplicas"]?.DeepClone() ?? 0;
        return result;
    }

    private static JsonObject Assemble(JsonObject source, string apiVersion, JsonObject spec, JsonObject status, List<(string Key, string Value)> annotations)
    {
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = "HorizontalPodAutoscaler" };
        foreach (var (key, value) in source)
        {
            switch (key)
            {
                case "apiVersion" or "kind":
                    break;
                case "metadata" when value is JsonObject meta:
                    result[key] = Metadata(meta, annotations);
                    break;
                case "spec":
                    result[key] = spec;
                    break;
                case "status":
                    result[key] = status;
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }

        result.TryAdd("spec", spec);
        result.TryAdd("status", status);
        return result;
    }

    private static JsonObject Metadata(JsonObject meta, List<(string Key, string Value)> added)
    {
        var annotations = new JsonObject();
        if (meta["annotations"] is JsonObject existing)
        {
            foreach (var (key, value) in existing)
            {
                if (!_roundTripAnnotations.Contains(key))
                {
                    annotations[key] = value?.DeepClone();
                }
            }
        }

        foreach (var (key, value) in added)
        {
            annotations[key] = value;
        }

        var result = new JsonObject();
        foreach (var (key, value) in meta)
        {
            // Annotations keep upstream's place in ObjectMeta: after labels, before ownerReferences.
            if (key is "ownerReferences" or "finalizers" or "managedFields" && annotations.Count > 0 && !result.ContainsKey("annotations"))
            {
                result["annotations"] = annotations;
            }

            if (key == "annotations")
            {
                if (annotations.Count > 0 && !result.ContainsKey("annotations"))
                {
                    result["annotations"] = annotations;
                }

                continue;
            }

            result[key] = value?.DeepClone();
        }

        if (annotations.Count > 0 && !result.ContainsKey("annotations"))
        {
            result["annotations"] = annotations;
        }

        return result;
    }

    private static JsonNode? ParseAnnotation(JsonObject? annotations, string key)
    {
        if (annotations?[key] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Upstream fails the conversion on a corrupt annotation; a read must not fail here, so it is ignored.
            return null;
        }
    }

    private static List<JsonObject> Items(JsonNode? array) => array is JsonArray items ? [.. items.OfType<JsonObject>()] : [];

    private static string Compact(JsonNode node) => node.ToJsonString(_compact);

    private static void Put(JsonObject target, string key, JsonNode? value)
    {
        if (value is not null)
        {
            target[key] = value.DeepClone();
        }
    }

    private static string Str(JsonObject? obj, string key) => obj?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
