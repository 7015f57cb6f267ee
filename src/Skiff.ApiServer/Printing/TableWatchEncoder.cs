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
    /// The table to put in an event's "object". Status objects of ERROR events are not
    /// tables upstream and should be sent as they are, without calling this.
    /// </summary>
    public JsonObject Encode(JsonObject obj)
    {
        var table = _builder.ForObject(_printer, obj, _request);
        _request = _request with { NoHeaders = true };
        return table;
    }
}
