using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>Objects describing the control plane itself: component health and aggregated APIs.</summary>
internal static class ControlPlanePrinters
{
    public static readonly TablePrinter ComponentStatus = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Status", "string", "Status of the component conditions"),
            new("Message", "string", "Message of the component conditions"),
            new("Error", "string", "Error of the component conditions"),
        ],
        (obj, _) =>
        {
            var healthy = obj.Objects("conditions").FirstOrDefault(c => c.Str("type") == "Healthy");
            var status = healthy is null ? "Unknown" : healthy.Str("status") == "True" ? "Healthy" : "Unhealthy";
            return new JsonArray(Cells.Name(obj), status, healthy.Str("message"), healthy.Str("error"));
        });

    public static readonly TablePrinter ApiService = TablePrinter.Cells(
        [
            TableColumn.NameColumn,
            new("Service", "string", "The reference to the service that hosts this API endpoint."),
            new("Available", "string", "Whether this service is available."),
            TableColumn.Age,
        ],
        (obj, now) =>
        {
            var service = obj.Obj("spec", "service") is { } s ? s.Str("namespace") + "/" + s.Str("name") : "Local";
            var available = "Unknown";
            if (obj.Objects("status", "conditions").FirstOrDefault(c => c.Str("type") == "Available") is { } condition)
            {
                available = condition.Str("status");
                if (available != "True" && condition.Str("reason") is { Length: > 0 } reason)
                {
                    available += " (" + reason + ")";
                }
            }
            return new JsonArray(Cells.Name(obj), service, available, Cells.Age(obj, now));
        });
}
