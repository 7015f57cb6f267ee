using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>Turns one stored object into one table row under a fixed set of columns.</summary>
internal interface ITablePrinter
{
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>
    /// True when an empty list still yields <c>"rows":[]</c>. Upstream's generic
    /// "Name / Created At" convertor leaves rows nil, which serializes as null.
    /// </summary>
    bool EmptyRowsAsArray { get; }

    PrintedRow Print(JsonObject obj, DateTimeOffset now);
}
