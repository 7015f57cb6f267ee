using System.Text.Json.Nodes;
using Skiff.ApiServer.Errors;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// Keeps metadata.managedFields: records what each write's manager set, moves ownership of changed fields, merges
/// applied configurations and detects apply conflicts, with upstream's semantics.
/// </summary>
internal sealed class FieldManager
{
    // Fields the server owns or that identify the object; upstream leaves them out of every field set.
    private static readonly string[] s_ignoredMetadata =
        ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink"];

    private readonly TimeProvider _time;

    public FieldManager(TimeProvider time) => _time = time;

    /// <summary>
    /// Sets <paramref name="next"/>'s managedFields after a create, update or non-apply patch by
    /// <paramref name="manager"/>. <paramref name="live"/> is null on create.
    /// </summary>
    public void RecordUpdate(JsonObject? live, JsonObject next, string manager, string apiVersion, string subresource, ApplyShape shape)
    {
        var sent = next["metadata"]?["managedFields"];
        if (sent is JsonArray { Count: 0 })
        {
            // An empty list is how clients reset managedFields; upstream then drops them all.
            Json.Metadata(next).Remove("managedFields");
            return;
        }

        var mine = new ManagedFieldsEntry(manager, ManagedFieldsEntry.UpdateOperation, apiVersion, null, subresource, FieldSet.Empty);
        var tracked = Tracked(next, subresource);

        // A create with no managedFields sent has one manager owning everything it set.
        if (live is null && sent is not JsonArray)
        {
            if (CreatedFields.TryWrite(tracked, shape, out var fieldsV1))
            {
                Store(next, fieldsV1, mine with { Time = Json.Timestamp(_time.GetUtcNow()) });
                return;
            }
        }

        var comparison = FieldWalker.Compare(Tracked(live, subresource), tracked, shape);
        if (live is not null && StoredManagedFields.TryRecordUpdate(live, next, mine, comparison, Stamp))
        {
            return;
        }

        var entries = sent is JsonArray && ManagedFieldsCodec.TryRead(sent) is { Count: > 0 } fromRequest && subresource.Length == 0
            ? fromRequest
            : ManagedFieldsCodec.TryRead(live?["metadata"]?["managedFields"]) ?? [];
        entries = TakeOver(entries, mine.Identity, comparison.Changed, comparison.Removed);
        var previous = entries.FirstOrDefault(e => e.Identity == mine.Identity);
        var owned = (previous?.Fields ?? FieldSet.Empty).Union(comparison.Changed).Difference(comparison.Removed);
        entries.RemoveAll(e => e.Identity == mine.Identity);
        if (!owned.IsEmpty)
        {
            entries.Add(mine with { Fields = owned, Time = Stamp(previous, owned) });
        }

        Store(next, entries);
    }

    /// <summary>
    /// Merges an applied configuration into <paramref name="live"/> (an empty object when the apply creates it) and
    /// returns the result with managedFields set, or throws upstream's 409 listing the conflicts.
    /// </summary>
    public JsonObject Apply(JsonObject live, JsonObject config, string manager, bool force, string apiVersion, string subresource, ApplyShape shape)
    {
        var merged = (JsonObject)ApplyMerge.Merge(live, config, shape)!;
        var entries = ManagedFieldsCodec.TryRead(live["metadata"]?["managedFields"]) ?? [];
        var mine = new ManagedFieldsEntry(manager, ManagedFieldsEntry.ApplyOperation, apiVersion, null, subresource, FieldSet.Empty);
        var applied = FieldWalker.FieldsOf(Tracked(config, subresource), shape);
        var comparison = FieldWalker.Compare(Tracked(live, subresource), Tracked(merged, subresource), shape);
        if (!force)
        {
            ThrowOnConflicts(entries, mine.Identity, comparison.Changed);
        }

        entries = TakeOver(entries, mine.Identity, comparison.Changed, comparison.Removed);
        var previous = entries.FirstOrDefault(e => e.Identity == mine.Identity);
        entries.RemoveAll(e => e.Identity == mine.Identity);
        entries.Add(mine with { Fields = applied, Time = Stamp(previous, applied) });

        // Fields this manager applied before but not now go, unless another manager still owns them.
        if (previous is not null)
        {
            var keep = entries.Aggregate(FieldSet.Empty, (all, e) => all.Union(e.Fields));
            ApplyMerge.Prune(merged, previous.Fields.Difference(applied), keep, shape);
            var pruned = FieldWalker.Compare(Tracked(live, subresource), Tracked(merged, subresource), shape);
            entries = entries.Select(e => e with { Fields = e.Fields.Difference(pruned.Removed) }).Where(e => !e.Fields.IsEmpty || e.Identity == mine.Identity).ToList();
        }

        Store(merged, entries);
        return merged;
    }

    /// <summary>
    /// The part of an object whose ownership a write to this subresource tracks, as its top-level members (null when
    /// there is no object).
    /// </summary>
    private static List<KeyValuePair<string, JsonNode?>>? Tracked(JsonObject? obj, string subresource)
    {
        if (obj is null)
        {
            return null;
        }

        // Members are shared with the object, not copied: the comparison only reads them, and on every write of a
        // busy object (a pod's status, a node's Lease) copies were a large share of the request's allocations.
        if (subresource == "status")
        {
            return obj["status"] is { } status ? [new("status", status)] : [];
        }

        // Status belongs to the status subresource; writes to the main resource do not take it.
        var members = new List<KeyValuePair<string, JsonNode?>>(obj.Count);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" or "status")
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject meta)
            {
                var kept = new JsonObject();
                foreach (var (field, fieldValue) in meta)
                {
                    if (Array.IndexOf(s_ignoredMetadata, field) < 0)
                    {
                        kept[field] = fieldValue?.DeepClone();
                    }
                }

                if (kept.Count > 0)
                {
                    members.Add(new(key, kept));
                }

                continue;
            }

            members.Add(new(key, value));
        }

        return members;
    }

    private static List<ManagedFieldsEntry> TakeOver(List<ManagedFieldsEntry> entries, object identity, FieldSet changed, FieldSet removed) =>
        entries
            .Select(e => e.Identity.Equals(identity) ? e with { Fields = e.Fields.Difference(removed) } : e with { Fields = e.Fields.Difference(changed).Difference(removed) })
            .Where(e => !e.Fields.IsEmpty)
            .ToList();

    private static void ThrowOnConflicts(List<ManagedFieldsEntry> entries, object identity, FieldSet changed)
    {
        var conflicts = entries
            .Where(e => !e.Identity.Equals(identity))
            .SelectMany(e => e.Fields.Intersection(changed).Paths().Select(p => (Entry: e, Path: FieldPathText.Format(p))))
            .ToList();
        if (conflicts.Count == 0)
        {
            return;
        }

        var causes = conflicts.Select(c => new StatusCause("FieldManagerConflict", $"conflict with {c.Entry.Describe()}", c.Path)).ToList();
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Entry.Describe()}: {conflicts[0].Path}";
        }
        else
        {
            var lines = conflicts
                .GroupBy(c => c.Entry.Describe())
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => g.Select(c => $"- {c.Path}").Prepend($"conflicts with {g.Key}:"));
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }

        throw new ApiException(409, "Conflict", message, new StatusDetails { Causes = causes });
    }

    private string Stamp(ManagedFieldsEntry? previous, FieldSet owned) =>
        previous is { Time: { } time } && previous.Fields.Equals(owned) ? time : Json.Timestamp(_time.GetUtcNow());

    private static void Store(JsonObject obj, JsonObject? fieldsV1, ManagedFieldsEntry entry)
    {
        if (fieldsV1 is null)
        {
            Json.Metadata(obj).Remove("managedFields");
            return;
        }

        Json.Metadata(obj)["managedFields"] = new JsonArray(ManagedFieldsCodec.WriteEntry(entry, fieldsV1));
    }

    private static void Store(JsonObject obj, List<ManagedFieldsEntry> entries)
    {
        var meta = Json.Metadata(obj);
        if (entries.Count == 0)
        {
            meta.Remove("managedFields");
            return;
        }

        meta["managedFields"] = ManagedFieldsCodec.Write(entries);
    }
}
