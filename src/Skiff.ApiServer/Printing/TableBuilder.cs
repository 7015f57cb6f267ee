using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// Builds meta.k8s.io Table documents, the server-side printing `kubectl get` asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>.
/// </summary>
internal sealed class TableBuilder(TimeProvider time)
{
    /// <summary>A table for a list response: one row per item, list metadata copied.</summary>
    public JsonObject ForList(ITablePrinter printer, IEnumerable<JsonObject> items, ListMetadata list, TableRequest request)
    {
        var now = time.GetUtcNow();
        var rows = new JsonArray();
        foreach (var item in items)
        {
            rows.Add(Row(printer, item, request, now));
        }
        // Upstream's generic convertor leaves rows unset for an empty list, which encodes as null.
        JsonNode? rowsNode = rows.Count == 0 && !printer.EmptyRowsAsArray ? null : rows;
        return Table(printer, request, list.ToJson(), rowsNode);
    }

    /// <summary>A one-row table for a GET of one object; metadata.resourceVersion is the object's.</summary>
    public JsonObject ForObject(ITablePrinter printer, JsonObject item, TableRequest request)
    {
        var rows = new JsonArray(Row(printer, item, request, time.GetUtcNow()));
        var metadata = new JsonObject();
        if (item.OptStr("metadata", "resourceVersion") is { Length: > 0 } rv)
        {
            metadata["resourceVersion"] = rv;
        }
        return Table(printer, request, metadata, rows);
    }

    /// <summary>
    /// An encoder for a watch: each event's object becomes a one-row table, and only the
    /// first carries column definitions.
    /// </summary>
    public TableWatchEncoder ForWatch(ITablePrinter printer, TableRequest request) => new(this, printer, request);

    private static JsonObject Table(ITablePrinter printer, TableRequest request, JsonObject metadata, JsonNode? rows) => new()
    {
        ["kind"] = "Table",
        ["apiVersion"] = request.ApiVersion,
        ["metadata"] = metadata,
        ["columnDefinitions"] = request.NoHeaders ? null : Columns(printer.Columns),
        ["rows"] = rows,
    };

    private static JsonArray Columns(IReadOnlyList<TableColumn> columns)
    {
        var array = new JsonArray();
        foreach (var column in columns)
        {
            array.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["format"] = column.Format,
                ["description"] = column.Description,
                ["priority"] = column.Priority,
            });
        }
        return array;
    }

    private static JsonObject Row(ITablePrinter printer, JsonObject item, TableRequest request, DateTimeOffset now)
    {
        var printed = printer.Print(item, now);
        var row = new JsonObject { ["cells"] = printed.Cells };
        if (printed.Conditions is { Count: > 0 } conditions)
        {
            row["conditions"] = conditions;
        }
        row["object"] = request.IncludeObject switch
        {
            IncludeObjectPolicy.Object => item.DeepClone(),
            IncludeObjectPolicy.None => null,
            _ => PartialObjectMetadata.ForObject(item, request.ApiVersion),
        };
        return row;
    }
}
