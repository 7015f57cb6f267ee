using System.Text.Json.Nodes;

namespace Skiff.Api.Objects;

/// <summary>
/// Metric specs and statuses in the two shapes upstream uses: autoscaling/v2's nested
/// metric/target/current objects, and the flat autoscaling/v1 MetricSpec shape that v1 keeps in
/// annotations (targetAverageUtilization, metricName, ...). Quantities that upstream declares as
/// non-pointer fields print as "0" when unset, so they are always written here too.
/// </summary>
internal static class HpaMetricShapes
{
    private const string Zero = "0";

    public static JsonObject SpecToV1(JsonObject v2)
    {
        var result = new JsonObject { ["type"] = OrEmpty(v2["type"]) };
        if (v2["object"] is JsonObject obj)
        {
            var target = obj["target"] as JsonObject;
            var flat = new JsonObject { ["target"] = Reference(obj["describedObject"]), ["metricName"] = MetricName(obj), ["targetValue"] = OrZero(target?["value"]) };
            Put(flat, "selector", obj["metric"]?["selector"]);
            Put(flat, "averageValue", target?["averageValue"]);
            result["object"] = flat;
        }

        if (v2["pods"] is JsonObject pods)
        {
            var flat = new JsonObject { ["metricName"] = MetricName(pods), ["targetAverageValue"] = OrZero(pods["target"]?["averageValue"]) };
            Put(flat, "selector", pods["metric"]?["selector"]);
            result["pods"] = flat;
        }

        foreach (var key in (string[])["resource", "containerResource"])
        {
            if (v2[key] is JsonObject resource)
            {
                var target = resource["target"] as JsonObject;
                var flat = new JsonObject { ["name"] = OrEmpty(resource["name"]) };
                Put(flat, "targetAverageUtilization", target?["averageUtilization"]);
                Put(flat, "targetAverageValue", target?["averageValue"]);
                if (key == "containerResource")
                {
                    flat["container"] = OrEmpty(resource["container"]);
                }

                result[key] = flat;
            }
        }

        if (v2["external"] is JsonObject external)
        {
            var target = external["target"] as JsonObject;
            var flat = new JsonObject { ["metricName"] = MetricName(external) };
            Put(flat, "metricSelector", external["metric"]?["selector"]);
            Put(flat, "targetValue", target?["value"]);
            Put(flat, "targetAverageValue", target?["averageValue"]);
            result["external"] = flat;
        }

        return result;
    }

    public static JsonObject SpecToV2(JsonObject v1)
    {
        var result = new JsonObject { ["type"] = OrEmpty(v1["type"]) };
        if (v1["object"] is JsonObject obj)
        {
            var target = new JsonObject { ["type"] = obj["averageValue"] is null ? "Value" : "AverageValue", ["value"] = OrZero(obj["targetValue"]) };
            Put(target, "averageValue", obj["averageValue"]);
            result["object"] = new JsonObject { ["describedObject"] = Reference(obj["target"]), ["metric"] = Identifier(obj, "selector"), ["target"] = target };
        }

        if (v1["pods"] is JsonObject pods)
        {
            result["pods"] = new JsonObject
            {
                ["metric"] = Identifier(pods, "selector"),
                ["target"] = new JsonObject { ["type"] = "AverageValue", ["averageValue"] = OrZero(pods["targetAverageValue"]) },
            };
        }

        foreach (var key in (string[])["resource", "containerResource"])
        {
            if (v1[key] is JsonObject resource)
            {
                var target = new JsonObject { ["type"] = resource["targetAverageUtilization"] is null ? "AverageValue" : "Utilization" };
                Put(target, "averageValue", resource["targetAverageValue"]);
                Put(target, "averageUtilization", resource["targetAverageUtilization"]);
                var nested = new JsonObject { ["name"] = OrEmpty(resource["name"]) };
                if (key == "containerResource")
                {
                    nested["container"] = OrEmpty(resource["container"]);
                }

                nested["target"] = target;
                result[key] = nested;
            }
        }

        if (v1["external"] is JsonObject external)
        {
            var target = new JsonObject { ["type"] = external["targetValue"] is null ? "AverageValue" : "Value" };
            Put(target, "value", external["targetValue"]);
            Put(target, "averageValue", external["targetAverageValue"]);
            result["external"] = new JsonObject { ["metric"] = Identifier(external, "metricSelector"), ["target"] = target };
        }

        return result;
    }

    public static JsonObject StatusToV1(JsonObject v2)
    {
        var result = new JsonObject { ["type"] = OrEmpty(v2["type"]) };
        if (v2["object"] is JsonObject obj)
        {
            var current = obj["current"] as JsonObject;
            var flat = new JsonObject { ["target"] = Reference(obj["describedObject"]), ["metricName"] = MetricName(obj), ["currentValue"] = OrZero(current?["value"]) };
            Put(flat, "selector", obj["metric"]?["selector"]);
            Put(flat, "averageValue", current?["averageValue"]);
            result["object"] = flat;
        }

        if (v2["pods"] is JsonObject pods)
        {
            var flat = new JsonObject { ["metricName"] = MetricName(pods), ["currentAverageValue"] = OrZero(pods["current"]?["averageValue"]) };
            Put(flat, "selector", pods["metric"]?["selector"]);
            result["pods"] = flat;
        }

        foreach (var key in (string[])["resource", "containerResource"])
        {
            if (v2[key] is JsonObject resource)
            {
                var current = resource["current"] as JsonObject;
                var flat = new JsonObject { ["name"] = OrEmpty(resource["name"]) };
                Put(flat, "currentAverageUtilization", current?["averageUtilization"]);
                flat["currentAverageValue"] = OrZero(current?["averageValue"]);
                if (key == "containerResource")
                {
                    flat["container"] = OrEmpty(resource["container"]);
                }

                result[key] = flat;
            }
        }

        if (v2["external"] is JsonObject external)
        {
            var current = external["current"] as JsonObject;
            var flat = new JsonObject { ["metricName"] = MetricName(external) };
            Put(flat, "metricSelector", external["metric"]?["selector"]);
            flat["currentValue"] = OrZero(current?["value"]);
            Put(flat, "currentAverageValue", current?["averageValue"]);
            result["external"] = flat;
        }

        return result;
    }

    public static JsonObject StatusToV2(JsonObject v1)
    {
        var result = new JsonObject { ["type"] = OrEmpty(v1["type"]) };
        if (v1["object"] is JsonObject obj)
        {
            var current = new JsonObject { ["value"] = OrZero(obj["currentValue"]) };
            Put(current, "averageValue", obj["averageValue"]);
            result["object"] = new JsonObject { ["metric"] = Identifier(obj, "selector"), ["current"] = current, ["describedObject"] = Reference(obj["target"]) };
        }

        if (v1["pods"] is JsonObject pods)
        {
            result["pods"] = new JsonObject
            {
                ["metric"] = Identifier(pods, "selector"),
                ["current"] = new JsonObject { ["averageValue"] = OrZero(pods["currentAverageValue"]) },
            };
        }

        foreach (var key in (string[])["resource", "containerResource"])
        {
            if (v1[key] is JsonObject resource)
            {
                var current = new JsonObject { ["averageValue"] = OrZero(resource["currentAverageValue"]) };
                Put(current, "averageUtilization", resource["currentAverageUtilization"]);
                var nested = new JsonObject { ["name"] = OrEmpty(resource["name"]) };
                if (key == "containerResource")
                {
                    nested["container"] = OrEmpty(resource["container"]);
                }

                nested["current"] = current;
                result[key] = nested;
            }
        }

        if (v1["external"] is JsonObject external)
        {
            var current = new JsonObject { ["value"] = OrZero(external["currentValue"]) };
            Put(current, "averageValue", external["currentAverageValue"]);
            result["external"] = new JsonObject { ["metric"] = Identifier(external, "metricSelector"), ["current"] = current };
        }

        return result;
    }

    /// <summary>A CrossVersionObjectReference: kind and name always, apiVersion when set.</summary>
    public static JsonObject Reference(JsonNode? reference)
    {
        var result = new JsonObject { ["kind"] = OrEmpty(reference?["kind"]), ["name"] = OrEmpty(reference?["name"]) };
        Put(result, "apiVersion", reference?["apiVersion"]);
        return result;
    }

    private static JsonObject Identifier(JsonObject flat, string selectorKey)
    {
        var metric = new JsonObject { ["name"] = OrEmpty(flat["metricName"]) };
        Put(metric, "selector", flat[selectorKey]);
        return metric;
    }

    private static JsonNode MetricName(JsonObject nested) => OrEmpty(nested["metric"]?["name"]);

    private static JsonNode OrZero(JsonNode? value) => value?.DeepClone() ?? JsonValue.Create(Zero);

    private static JsonNode OrEmpty(JsonNode? value) => value?.DeepClone() ?? JsonValue.Create(string.Empty);

    private static void Put(JsonObject target, string key, JsonNode? value)
    {
        if (value is not null)
        {
            target[key] = value.DeepClone();
        }
    }
}
