using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Printing.Printers;

/// <summary>
/// Events of the core group and of events.k8s.io. Upstream stores both as one type and prints
/// them alike; the newer group renames the fields, so each has its own reader.
/// </summary>
internal static class EventPrinter
{
    public static readonly TableColumn[] Columns =
    [
        new("Last Seen", "string", ColumnDescriptions.EventLastTimestamp),
        new("Type", "string", ColumnDescriptions.EventType),
        new("Reason", "string", ColumnDescriptions.EventReason),
        new("Object", "string", ColumnDescriptions.EventInvolvedObject),
        new("Subobject", "string", ColumnDescriptions.ObjectReferenceFieldPath, 1),
        new("Source", "string", ColumnDescriptions.EventSource, 1),
        new("Message", "string", ColumnDescriptions.EventMessage),
        new("First Seen", "string", ColumnDescriptions.EventFirstTimestamp, 1),
        new("Count", "string", ColumnDescriptions.EventCount, 1),
        new("Name", "string", ColumnDescriptions.ObjectMetaName, 1, "name"),
    ];

    public static readonly TablePrinter Core = TablePrinter.Cells(Columns, (obj, now) => Print(obj, now, new CoreFields()));

    public static readonly TablePrinter EventsGroup = TablePrinter.Cells(Columns, (obj, now) => Print(obj, now, new EventsGroupFields()));

    private static JsonArray Print(JsonObject obj, DateTimeOffset now, IEventFields fields)
    {
        var first = fields.FirstTimestamp(obj) is { } f
            ? HumanDuration.Since(f, now)
            : HumanDuration.Since(obj.Time("eventTime"), now);
        var last = fields.LastTimestamp(obj) is { } l ? HumanDuration.Since(l, now) : first;

        var count = fields.Count(obj);
        if (obj.Obj("series") is { } series)
        {
            last = HumanDuration.Since(series.Time("lastObservedTime"), now);
            count = series.Long("count");
        }
        else if (count == 0)
        {
            // Singleton events written through the new API carry no count.
            count = 1;
        }

        var involved = fields.Regarding(obj);
        var kind = involved.Str("kind").ToLowerInvariant();
        var target = involved.Str("name") is { Length: > 0 } name ? kind + "/" + name : kind;

        var component = FirstNonEmpty(fields.SourceComponent(obj), obj.Str("reportingController"));
        var instance = FirstNonEmpty(fields.SourceHost(obj), obj.Str("reportingInstance"));
        var source = instance.Length == 0 ? component : component + ", " + instance;

        return new JsonArray(last, obj.Str("type"), obj.Str("reason"), target, involved.Str("fieldPath"), source,
            fields.Message(obj).Trim(), first, count, Cells.Name(obj));
    }

    private static string FirstNonEmpty(string a, string b) => a.Length > 0 ? a : b;
}
