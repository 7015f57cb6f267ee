using System.Globalization;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// Upstream's generic table for kinds without a printer: the name and the creation time as an
/// RFC 3339 date, which kubectl renders as "CREATED AT".
/// </summary>
internal sealed class DefaultPrinter : ITablePrinter
{
    public static readonly DefaultPrinter Instance = new();

    private DefaultPrinter()
    {
    }

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Created At", "date", ColumnDescriptions.ObjectMetaCreationTimestamp),
    ];

    public bool EmptyRowsAsArray => false;

    public PrintedRow Print(JsonObject obj, DateTimeOffset now)
    {
        // A missing timestamp is Go's zero time, which upstream prints rather than omitting.
        var created = obj.Time("metadata", "creationTimestamp") ?? DateTimeOffset.MinValue;
        var text = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new PrintedRow(new JsonArray(obj.Str("metadata", "name"), text));
    }
}
