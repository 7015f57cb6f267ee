using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>Reads and writes metadata.managedFields.</summary>
internal static class ManagedFieldsCodec
{
    /// <summary>The entries of an object; null when they are malformed (upstream then resets them).</summary>
    public static List<ManagedFieldsEntry>? TryRead(JsonNode? managedFields)
    {
        if (managedFields is null)
        {
            return [];
        }

        if (managedFields is not JsonArray array)
        {
            return null;
        }

        var entries = new List<ManagedFieldsEntry>();
        try
        {
            foreach (var item in array)
            {
                if (item is not JsonObject entry || Header(entry) is not { } header)
                {
                    return null;
                }

                entries.Add(entry["fieldsV1"] is { } v1 ? header with { Fields = FieldSet.Parse(v1) } : header);
            }
        }
        catch (FormatException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        // Two entries with one identity are invalid, as upstream decodes them.
        return entries.Select(e => e.Identity).Distinct().Count() == entries.Count ? entries : null;
    }

    /// <summary>
    /// An entry's manager, operation, version, time and subresource with empty <see cref="ManagedFieldsEntry.Fields"/>;
    /// null when the entry is malformed (upstream then resets all of them).
    /// </summary>
    public static ManagedFieldsEntry? Header(JsonObject entry)
    {
        var operation = Str(entry, "operation");
        if (operation is not (ManagedFieldsEntry.ApplyOperation or ManagedFieldsEntry.UpdateOperation) || Str(entry, "fieldsType") != "FieldsV1")
        {
            return null;
        }

        var time = entry["time"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        return new ManagedFieldsEntry(Str(entry, "manager"), operation, Str(entry, "apiVersion"), time, Str(entry, "subresource"), FieldSet.Empty);
    }

    /// <summary>The managedFields array, in upstream's order: Apply before Update, then by time, manager, version.</summary>
    public static JsonArray Write(IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in InWriteOrder(entries, e => e))
        {
            array.Add(WriteEntry(entry));
        }

        return array;
    }

    /// <summary>Items that carry entries, in the order <see cref="Write"/> puts the entries.</summary>
    public static List<T> InWriteOrder<T>(IEnumerable<T> items, Func<T, ManagedFieldsEntry> entry)
    {
        // A stable insertion sort over each entry's time parsed once: an object has a few entries, and every write
        // that changes them orders them.
        var sorted = new List<(T Item, DateTimeOffset Time)>();
        foreach (var item in items)
        {
            var time = entry(item).Time is { } text ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
            var at = sorted.Count;
            while (at > 0 && Compare(entry(sorted[at - 1].Item), sorted[at - 1].Time, entry(item), time) > 0)
            {
                at--;
            }

            sorted.Insert(at, (item, time));
        }

        var result = new List<T>(sorted.Count);
        foreach (var (item, _) in sorted)
        {
            result.Add(item);
        }

        return result;
    }

    private static int Compare(ManagedFieldsEntry left, DateTimeOffset leftTime, ManagedFieldsEntry right, DateTimeOffset rightTime)
    {
        var order = string.CompareOrdinal(left.Operation, right.Operation);
        if (order == 0)
        {
            order = leftTime.CompareTo(rightTime);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(left.Manager, right.Manager);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(left.ApiVersion, right.ApiVersion);
        }

        return order == 0 ? string.CompareOrdinal(left.Subresource, right.Subresource) : order;
    }

    /// <summary>One entry of the managedFields array.</summary>
    public static JsonObject WriteEntry(ManagedFieldsEntry entry) => WriteEntry(entry, entry.Fields.ToJson());

    /// <summary>One entry of the managedFields array, with its field set already encoded.</summary>
    public static JsonObject WriteEntry(ManagedFieldsEntry entry, JsonObject fieldsV1)
    {
        var json = new JsonObject { ["manager"] = entry.Manager, ["operation"] = entry.Operation, ["apiVersion"] = entry.ApiVersion };
        if (entry.Time is not null)
        {
            json["time"] = entry.Time;
        }

        json["fieldsType"] = "FieldsV1";
        json["fieldsV1"] = fieldsV1;
        if (entry.Subresource.Length > 0)
        {
            json["subresource"] = entry.Subresource;
        }

        return json;
    }

    private static string Str(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
