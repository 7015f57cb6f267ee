using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// Turns the objects of one watch stream into one-row tables. Upstream sends column
/// definitions with the first event only and null afterwards, so kubectl prints headers once.
/// </summary>
internal sealed class TableWatchEncoder
{
    private readonly TableBuilder _builder;
    private readonly ITablePrinter _printer;
    private TableRequest _request;

    internal TableWatchEncoder(TableBuilder builder, ITablePrinter printer, TableRequest request)
    {
        _builder = builder;
        _printer = printer;
        _request = request;
    }

    /// <summary>
    /// The value to put in an event's "object": a one-row table, or the object itself when it
    /// is the Status of an ERROR event, which upstream never converts.
    /// </summary>
    public JsonObject Encode(JsonObject obj)
    {
        var result = IsStatus(obj) ? obj : _builder.ForObject(_printer, obj, _request);
        // Upstream drops the headers after the first event it encodes, whatever that event was.
        _request = _request with { NoHeaders = true };
        return result;
    }

    private static bool IsStatus(JsonObject obj) =>
        obj.OptStr("kind") == "Status" && obj.OptStr("apiVersion") == "v1";
}
