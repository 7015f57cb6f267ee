using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>The TARGETS column of a HorizontalPodAutoscaler: "cpu: 40%/80%, memory: 1Gi/2Gi + 1 more...".</summary>
internal static class HpaMetrics
{
    private const int Max = 2;
    private const string Unknown = "<unknown>";

    public static string Format(JsonObject hpa)
    {
        // autoscaling/v1 carries a single CPU target; upstream converts it to a v2 resource metric.
        if (!hpa.Has("spec", "metrics") && hpa.OptLong("spec", "targetCPUUtilizationPercentage") is { } cpuTarget)
        {
            var current = hpa.OptLong("status", "currentCPUUtilizationPercentage") is { } c ? $"{c}%" : Unknown;
            return $"cpu: {current}/{cpuTarget}%";
        }

        var specs = hpa.Arr("spec", "metrics");
        if (specs.Count == 0)
        {
            return LabelFormat.None;
        }
        var statuses = hpa.Arr("status", "currentMetrics");
        var list = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            var status = i < statuses.Count ? statuses[i] : null;
            list.Add(FormatOne(specs[i], status));
        }
        var text = string.Join(", ", list.Take(Max));
        return list.Count > Max ? $"{text} + {list.Count - Max} more..." : text;
    }

    private static string FormatOne(JsonNode? spec, JsonNode? status)
    {
        switch (spec.Str("type"))
        {
            case "External":
                return ValueOrAverage(spec.Obj("external", "target"), status.Obj("external"));
            case "Object":
                return ValueOrAverage(spec.Obj("object", "target"), status.Obj("object"));
            case "Pods":
                return $"{(status.Obj("pods") is { } pods ? pods.Quantity("current", "averageValue") : Unknown)}/{spec.Quantity("pods", "target", "averageValue")}";
            case "Resource":
                return Resource(spec.Obj("resource"), status.Obj("resource"));
            case "ContainerResource":
                return Resource(spec.Obj("containerResource"), status.Obj("containerResource"));
            default:
                return "<unknown type>";
        }
    }

    private static string ValueOrAverage(JsonObject? target, JsonObject? status)
    {
        if (target.IntOrString("averageValue") is { } average)
        {
            var current = status.IntOrString("current", "averageValue") ?? Unknown;
            return $"{current}/{average} (avg)";
        }
        var value = status is null ? Unknown : status.Quantity("current", "value");
        return $"{value}/{target.Quantity("value")}";
    }

    private static string Resource(JsonObject? source, JsonObject? status)
    {
        var name = source.Str("name");
        if (source.IntOrString("target", "averageValue") is { } average)
        {
            var current = status is null ? Unknown : status.Quantity("current", "averageValue");
            return $"{name}: {current}/{average}";
        }
        var currentPercent = status.OptLong("current", "averageUtilization") is { } c ? $"{c}%" : Unknown;
        var target = source.OptLong("target", "averageUtilization") is { } t ? $"{t}%" : "<auto>";
        return $"{name}: {currentPercent}/{target}";
    }
}
