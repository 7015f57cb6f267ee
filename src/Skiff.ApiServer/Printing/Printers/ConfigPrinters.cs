using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Configuration, identity and policy objects of the core and policy groups.</summary>
internal static class ConfigPrinters
{
    public static readonly TablePrinter ConfigMap = TablePrinter.Cells(
        [TableColumn.NameColumn, new("Data", "string", ColumnDescriptions.ConfigMapData), TableColumn.Age],
        (obj, now) => new JsonArray(Cells.Name(obj), (long)(Count(obj.Obj("data")) + Count(obj.Obj("binaryData"))),
            Cells.Age(obj, now)));

    public static readonly TablePrinter Secret = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Type", "string", ColumnDescriptions.SecretType),
            new("Data", "string", ColumnDescriptions.SecretData),
            TableColumn.Age,
        ],
        // stringData never reaches storage: it is merged into data on write.
        (obj, now) => new JsonArray(Cells.Name(obj), obj.Str("type"), (long)Count(obj.Obj("data")), Cells.Age(obj, now)));

    public static readonly TablePrinter ServiceAccount = TablePrinter.Cells(
        [TableColumn.NameColumn, new("Secrets", "string", ColumnDescriptions.ServiceAccountSecrets), TableColumn.Age],
        (obj, now) => new JsonArray(Cells.Name(obj), (long)obj.Arr("secrets").Count, Cells.Age(obj, now)));

    public static readonly TablePrinter ResourceQuota = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
            new("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
            TableColumn.Age,
        ],
        (obj, now) =>
        {
            var hard = obj.Obj("status", "hard");
            var used = obj.Obj("status", "used");
            var requests = new List<string>();
            var limits = new List<string>();
            foreach (var resource in (hard ?? []).Select(p => p.Key).Order(StringComparer.Ordinal))
            {
                var text = $"{resource}: {used.Quantity(resource)}/{hard.Quantity(resource)}";
                var pieces = resource.Split('.');
                (pieces.Length > 1 && pieces[0] == "limits" ? limits : requests).Add(text);
            }
            return new JsonArray(Cells.Name(obj), string.Join(", ", requests), string.Join(", ", limits), Cells.Age(obj, now));
        });

    public static readonly TablePrinter PodDisruptionBudget = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Min Available", "string", "The minimum number of pods that must be available."),
            new("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
            new("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
            TableColumn.Age,
        ],
        (obj, now) => new JsonArray(Cells.Name(obj), obj.IntOrString("spec", "minAvailable") ?? "N/A",
            obj.IntOrString("spec", "maxUnavailable") ?? "N/A", obj.Long("status", "disruptionsAllowed"),
            Cells.Age(obj, now)));

    public static readonly TablePrinter HorizontalPodAutoscaler = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Reference", "string", ColumnDescriptions.HorizontalPodAutoscalerSpecScaleTargetRef),
            new("Targets", "string", ColumnDescriptions.HorizontalPodAutoscalerSpecMetrics),
            new("MinPods", "string", ColumnDescriptions.HorizontalPodAutoscalerSpecMinReplicas),
            new("MaxPods", "string", ColumnDescriptions.HorizontalPodAutoscalerSpecMaxReplicas),
            new("Replicas", "string", ColumnDescriptions.HorizontalPodAutoscalerStatusCurrentReplicas),
            TableColumn.Age,
        ],
        (obj, now) =>
        {
            var target = obj.Obj("spec", "scaleTargetRef");
            var minPods = obj.OptLong("spec", "minReplicas") is { } min
                ? min.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "<unset>";
            return new JsonArray(Cells.Name(obj), $"{target.Str("kind")}/{target.Str("name")}", HpaMetrics.Format(obj),
                minPods, obj.Long("spec", "maxReplicas"), obj.Long("status", "currentReplicas"), Cells.Age(obj, now));
        });

    public static readonly TablePrinter Scale = TablePrinter.Cells(
        [
            new("Name", "string", ColumnDescriptions.ObjectMetaName),
            new("Desired", "integer", ColumnDescriptions.ScaleSpecReplicas),
            new("Available", "integer", ColumnDescriptions.ScaleStatusReplicas),
            TableColumn.Age,
        ],
        (obj, now) => new JsonArray(Cells.Name(obj), obj.Long("spec", "replicas"), obj.Long("status", "replicas"),
            Cells.Age(obj, now)));

    private static int Count(JsonObject? map) => map?.Count ?? 0;
}
