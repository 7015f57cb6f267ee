using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>A printer made of a column list and a row function.</summary>
internal sealed class TablePrinter(
    IReadOnlyList<TableColumn> columns,
    Func<JsonObject, DateTimeOffset, PrintedRow> print,
    bool emptyRowsAsArray = true) : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    public bool EmptyRowsAsArray { get; } = emptyRowsAsArray;

    public PrintedRow Print(JsonObject obj, DateTimeOffset now) => print(obj, now);

    public static TablePrinter Cells(IReadOnlyList<TableColumn> columns, Func<JsonObject, DateTimeOffset, JsonArray> cells) =>
        new(columns, (obj, now) => new PrintedRow(cells(obj, now)));
}
