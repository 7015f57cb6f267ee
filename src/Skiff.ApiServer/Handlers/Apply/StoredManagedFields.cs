using System.Text.Json.Nodes;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// Records an Update in the managedFields an object already has, touching only the entries the write changes: the
/// others keep their stored JSON. Most writes of a busy object (a node's Lease renewal, a pod's status) change what
/// one manager owns or nothing at all, and decoding every entry into field sets only to encode them again was the
/// largest cost of such a write.
/// </summary>
/// <remarks>
/// An untouched entry is kept as stored, which is what <see cref="ManagedFieldsCodec.Write"/> would write for it:
/// the server writes every stored managedFields array through that encoder, so stored entries are in its order and
/// spelling. Field paths are looked up by that spelling.
/// </remarks>
internal static class StoredManagedFields
{
    private const string Self = ".";

    /// <summary>
    /// Sets <paramref name="next"/>'s managedFields for an Update by <paramref name="mine"/> that changed and removed
    /// the fields of <paramref name="comparison"/>, as <see cref="FieldManager.RecordUpdate"/> would; false (and
    /// nothing changed) when the entries are not the stored ones or not well-formed, so the caller decodes them all.
    /// </summary>
    public static bool TryRecordUpdate(
        JsonObject live, JsonObject next, ManagedFieldsEntry mine, FieldComparison comparison, Func<ManagedFieldsEntry?, FieldSet, string> stamp)
    {
        if (live["metadata"]?["managedFields"] is not JsonArray stored || next["metadata"] is not JsonObject meta)
        {
            return false;
        }

        var sent = meta["managedFields"];
        if (sent is not null && !SameJson.Equal(sent, stored))
        {
            return false;
        }

        var entries = new List<(ManagedFieldsEntry? Entry, JsonObject? Json)>(stored.Count);
        var identities = new HashSet<(string, string, string, string)>();
        foreach (var item in stored)
        {
            if (item is not JsonObject json || ManagedFieldsCodec.Header(json) is not { } header || !identities.Add(header.Identity))
            {
                return false;
            }

            entries.Add((header, json));
        }

        var changed = comparison.Changed;
        var removed = comparison.Removed;
        var rewritten = false;
        try
        {
            var found = false;
            for (var i = 0; i < entries.Count; i++)
            {
                var (header, json) = (entries[i].Entry!, entries[i].Json!);
                var fields = json["fieldsV1"];
                if (header.Identity.Equals(mine.Identity))
                {
                    found = true;
                    if (header.Time is not null && !IsEmpty(fields) && Covers(fields, changed) && !Intersects(fields, removed))
                    {
                        continue;
                    }

                    // As the decoded path does: the takeover first, then what this write adds and removes.
                    rewritten = true;
                    var taken = Parse(fields).Difference(removed);
                    var previous = taken.IsEmpty ? null : header with { Fields = taken };
                    var owned = taken.Union(changed).Difference(removed);
                    entries[i] = owned.IsEmpty ? default : (mine with { Fields = owned, Time = stamp(previous, owned) }, null);
                    continue;
                }

                if (IsEmpty(fields) || Intersects(fields, changed) || Intersects(fields, removed))
                {
                    rewritten = true;
                    var rest = Parse(fields).Difference(changed).Difference(removed);
                    entries[i] = rest.IsEmpty ? default : (header with { Fields = rest }, null);
                }
            }

            if (!found && changed.Difference(removed) is { IsEmpty: false } added)
            {
                rewritten = true;
                entries.Add((mine with { Fields = added, Time = stamp(null, added) }, null));
            }
        }
        catch (FormatException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        if (!rewritten)
        {
            if (sent is null)
            {
                meta["managedFields"] = stored.DeepClone();
            }

            return true;
        }

        entries.RemoveAll(e => e.Entry is null);
        if (entries.Count == 0)
        {
            meta.Remove("managedFields");
            return true;
        }

        var array = sent as JsonArray ?? (JsonArray)stored.DeepClone();
        var nodes = array.ToArray();
        array.Clear();
        foreach (var (entry, json) in ManagedFieldsCodec.InWriteOrder(entries, e => e.Entry!))
        {
            array.Add(json is null ? ManagedFieldsCodec.WriteEntry(entry!) : nodes[stored.IndexOf(json)]);
        }

        if (sent is null)
        {
            meta["managedFields"] = array;
        }

        return true;
    }

    private static bool IsEmpty(JsonNode? fields) => fields is null || fields is JsonObject { Count: 0 };

    private static FieldSet Parse(JsonNode? fields) => fields is null ? FieldSet.Empty : FieldSet.Parse(fields);

    /// <summary>Whether a path is in both the stored field set and <paramref name="set"/>.</summary>
    private static bool Intersects(JsonNode? fields, FieldSet set)
    {
        if (set.IsEmpty || fields is null)
        {
            return false;
        }

        var node = Node(fields);
        foreach (var member in set.Members)
        {
            if (node[member.ToString()] is { } child && IsMember(child))
            {
                return true;
            }
        }

        foreach (var (step, below) in set.Children)
        {
            if (node[step.ToString()] is { } child && Intersects(child, below))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every path of <paramref name="set"/> is in the stored field set.</summary>
    private static bool Covers(JsonNode? fields, FieldSet set)
    {
        if (set.IsEmpty)
        {
            return true;
        }

        if (fields is null)
        {
            return false;
        }

        var node = Node(fields);
        foreach (var member in set.Members)
        {
            if (node[member.ToString()] is not { } child || !IsMember(child))
            {
                return false;
            }
        }

        foreach (var (step, below) in set.Children)
        {
            if (!Covers(node[step.ToString()], below))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsMember(JsonNode child)
    {
        var node = Node(child);
        return node.Count == 0 || node.ContainsKey(Self);
    }

    private static JsonObject Node(JsonNode fields) =>
        fields as JsonObject ?? throw new FormatException("a fieldsV1 node must be a JSON object");
}
