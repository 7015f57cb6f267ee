using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing;

/// <summary>
/// Tables for custom resources: NAME, then one column per additionalPrinterColumns entry of the
/// served CRD version (or AGE when there are none), each cell read with its JSONPath.
/// </summary>
internal sealed class CustomResourcePrinter : ITablePrinter
{
    private readonly IReadOnlyList<SimpleJsonPath?> _paths;

    /// <param name="additionalPrinterColumns">The version's <c>additionalPrinterColumns</c> array, or null.</param>
    public CustomResourcePrinter(JsonArray? additionalPrinterColumns)
    {
        var definitions = additionalPrinterColumns?.OfType<JsonObject>().ToList() ?? [];
        if (definitions.Count == 0)
        {
            definitions.Add(new JsonObject
            {
                ["name"] = "Age",
                ["type"] = "date",
                ["description"] = ColumnDescriptions.ObjectMetaCreationTimestamp,
                ["jsonPath"] = ".metadata.creationTimestamp",
            });
        }

        var columns = new List<TableColumn> { TableColumn.NameColumn };
        var paths = new List<SimpleJsonPath?>();
        foreach (var definition in definitions)
        {
            var jsonPath = definition.Str("jsonPath");
            var description = definition.Str("description");
            if (description.Length == 0)
            {
                description = "Custom resource definition column (in JSONPath format): " + jsonPath;
            }
            columns.Add(new TableColumn(definition.Str("name"), definition.Str("type"), description,
                (int)definition.Long("priority"), definition.Str("format")));
            paths.Add(TryParse(jsonPath));
        }
        Columns = columns;
        _paths = paths;
    }

    public IReadOnlyList<TableColumn> Columns { get; }

    public bool EmptyRowsAsArray => true;

    public PrintedRow Print(JsonObject obj, DateTimeOffset now)
    {
        var cells = new JsonArray(obj.Str("metadata", "name"));
        for (var i = 0; i < _paths.Count; i++)
        {
            var results = _paths[i]?.Evaluate(obj) ?? [];
            cells.Add(results.Count == 0 ? null : Cell(Columns[i + 1].Type, results[0], now));
        }
        return new PrintedRow(cells);
    }

    private static JsonNode? Cell(string type, JsonNode? value, DateTimeOffset now)
    {
        if (type == "string")
        {
            // Upstream prints an explicit JSON null through Go's template printer, which says "<no value>".
            return value is null ? "<no value>" : GoValueText.Format(value);
        }
        if (value is null)
        {
            return null;
        }
        var kind = value.GetValueKind();
        switch (type)
        {
            case "integer" when kind == JsonValueKind.Number:
                return value.AsValue().TryGetValue<long>(out var l) ? l : (long)value.GetValue<double>();
            case "number" when kind == JsonValueKind.Number:
                return value.GetValue<double>();
            case "boolean" when kind is JsonValueKind.True or JsonValueKind.False:
                return value.GetValue<bool>();
            case "date" when kind == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Length == 0 || text == "null")
                {
                    return HumanDuration.Unknown;
                }
                return DateTimeOffset.TryParseExact(text, Rfc3339Formats, CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var t)
                    ? HumanDuration.Since(t, now)
                    : "<invalid>";
            default:
                return null;
        }
    }

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    // CRD validation rejects unparsable column paths, so one that still fails here only blanks its column.
    private static SimpleJsonPath? TryParse(string jsonPath)
    {
        try
        {
            return SimpleJsonPath.Parse(jsonPath);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
