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
                if (item is not JsonObject entry)
                {
                    return null;
                }

                var operation = Str(entry, "operation");
                var fieldsType = Str(entry, "fieldsType");
                if (operation is not (ManagedFieldsEntry.ApplyOperation or ManagedFieldsEntry.UpdateOperation) || fieldsType != "FieldsV1")
                {
                    return null;
                }

                var fields = entry["fieldsV1"] is { } v1 ? FieldSet.Parse(v1) : FieldSet.Empty;
                var time = entry["time"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
                entries.Add(new ManagedFieldsEntry(Str(entry, "manager"), operation, Str(entry, "apiVersion"), time, Str(entry, "subresource"), fields));
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

    /// <summary>The managedFields array, in upstream's order: Apply before Update, then by time, manager, version.</summary>
    public static JsonArray Write(IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        var ordered = entries
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(e.Time, System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource, StringComparer.Ordinal);
        foreach (var entry in ordered)
        {
            var json = new JsonObject { ["manager"] = entry.Manager, ["operation"] = entry.Operation, ["apiVersion"] = entry.ApiVersion };
            if (entry.Time is not null)
            {
                json["time"] = entry.Time;
            }

            json["fieldsType"] = "FieldsV1";
            json["fieldsV1"] = entry.Fields.ToJson();
            if (entry.Subresource.Length > 0)
            {
                json["subresource"] = entry.Subresource;
            }

            array.Add(json);
        }

        return array;
    }

    private static string Str(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
