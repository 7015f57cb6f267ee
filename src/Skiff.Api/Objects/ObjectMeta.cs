using System.Text.Json.Nodes;

namespace Skiff.Api.Objects;

/// <summary>
/// Reads and writes the standard fields of an object held as JSON, so the API server can stamp
/// metadata without re-spelling anything else the user wrote. Setting an empty map or list
/// removes the field, as upstream's omitempty does.
/// </summary>
public static class ObjectMeta
{
    public static string? GetApiVersion(this JsonObject obj) => GetString(obj, "apiVersion");

    public static void SetApiVersion(this JsonObject obj, string apiVersion) => obj["apiVersion"] = apiVersion;

    public static string? GetKind(this JsonObject obj) => GetString(obj, "kind");

    public static void SetKind(this JsonObject obj, string kind) => obj["kind"] = kind;

    /// <summary>The metadata object, or null when absent or not an object.</summary>
    public static JsonObject? GetMetadata(this JsonObject obj) => obj["metadata"] as JsonObject;

    /// <summary>The metadata object, created when absent.</summary>
    public static JsonObject EnsureMetadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    public static string? GetName(this JsonObject obj) => MetaString(obj, "name");

    public static void SetName(this JsonObject obj, string? name) => SetMetaString(obj, "name", name);

    public static string? GetGenerateName(this JsonObject obj) => MetaString(obj, "generateName");

    public static string? GetNamespace(this JsonObject obj) => MetaString(obj, "namespace");

    public static void SetNamespace(this JsonObject obj, string? ns) => SetMetaString(obj, "namespace", ns);

    public static string? GetUid(this JsonObject obj) => MetaString(obj, "uid");

    public static void SetUid(this JsonObject obj, string? uid) => SetMetaString(obj, "uid", uid);

    public static string? GetResourceVersion(this JsonObject obj) => MetaString(obj, "resourceVersion");

    public static void SetResourceVersion(this JsonObject obj, string? resourceVersion) =>
        SetMetaString(obj, "resourceVersion", resourceVersion);

    public static long? GetGeneration(this JsonObject obj) => GetLong(obj.GetMetadata()?["generation"]);

    public static void SetGeneration(this JsonObject obj, long? generation) => SetMeta(obj, "generation", generation is { } g ? JsonValue.Create(g) : null);

    public static DateTimeOffset? GetCreationTimestamp(this JsonObject obj) => MetaTime(obj, "creationTimestamp");

    public static void SetCreationTimestamp(this JsonObject obj, DateTimeOffset? time) =>
        SetMetaString(obj, "creationTimestamp", time is { } t ? KubeTime.Format(t) : null);

    public static DateTimeOffset? GetDeletionTimestamp(this JsonObject obj) => MetaTime(obj, "deletionTimestamp");

    public static void SetDeletionTimestamp(this JsonObject obj, DateTimeOffset? time) =>
        SetMetaString(obj, "deletionTimestamp", time is { } t ? KubeTime.Format(t) : null);

    public static long? GetDeletionGracePeriodSeconds(this JsonObject obj) => GetLong(obj.GetMetadata()?["deletionGracePeriodSeconds"]);

    public static void SetDeletionGracePeriodSeconds(this JsonObject obj, long? seconds) =>
        SetMeta(obj, "deletionGracePeriodSeconds", seconds is { } s ? JsonValue.Create(s) : null);

    public static IReadOnlyDictionary<string, string> GetLabels(this JsonObject obj) => GetStringMap(obj, "labels");

    public static void SetLabels(this JsonObject obj, IReadOnlyDictionary<string, string>? labels) => SetStringMap(obj, "labels", labels);

    public static IReadOnlyDictionary<string, string> GetAnnotations(this JsonObject obj) => GetStringMap(obj, "annotations");

    public static void SetAnnotations(this JsonObject obj, IReadOnlyDictionary<string, string>? annotations) =>
        SetStringMap(obj, "annotations", annotations);

    /// <summary>Sets one annotation, or removes it when the value is null, leaving the others untouched.</summary>
    public static void SetAnnotation(this JsonObject obj, string key, string? value) => SetMapEntry(obj, "annotations", key, value);

    /// <summary>Sets one label, or removes it when the value is null, leaving the others untouched.</summary>
    public static void SetLabel(this JsonObject obj, string key, string? value) => SetMapEntry(obj, "labels", key, value);

    public static IReadOnlyList<string> GetFinalizers(this JsonObject obj) =>
        obj.GetMetadata()?["finalizers"] is JsonArray array
            ? array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];

    public static void SetFinalizers(this JsonObject obj, IEnumerable<string>? finalizers)
    {
        var list = finalizers?.ToList() ?? [];
        SetMeta(obj, "finalizers", list.Count == 0 ? null : new JsonArray([.. list.Select(f => (JsonNode?)JsonValue.Create(f))]));
    }

    public static bool HasFinalizer(this JsonObject obj, string finalizer) => obj.GetFinalizers().Contains(finalizer);

    /// <summary>Adds a finalizer unless present; returns whether the object changed.</summary>
    public static bool AddFinalizer(this JsonObject obj, string finalizer)
    {
        var list = obj.GetFinalizers();
        if (list.Contains(finalizer))
        {
            return false;
        }

        obj.SetFinalizers([.. list, finalizer]);
        return true;
    }

    /// <summary>Removes every copy of a finalizer; returns whether the object changed.</summary>
    public static bool RemoveFinalizer(this JsonObject obj, string finalizer)
    {
        var list = obj.GetFinalizers();
        if (!list.Contains(finalizer))
        {
            return false;
        }

        obj.SetFinalizers(list.Where(f => f != finalizer));
        return true;
    }

    public static IReadOnlyList<OwnerReference> GetOwnerReferences(this JsonObject obj) =>
        obj.GetMetadata()?["ownerReferences"] is JsonArray array
            ? array.OfType<JsonObject>().Select(OwnerReference.FromJson).ToList()
            : [];

    public static void SetOwnerReferences(this JsonObject obj, IEnumerable<OwnerReference>? references)
    {
        var list = references?.ToList() ?? [];
        SetMeta(obj, "ownerReferences", list.Count == 0 ? null : new JsonArray([.. list.Select(r => (JsonNode?)r.ToJson())]));
    }

    /// <summary>The owner reference marked controller=true, if any.</summary>
    public static OwnerReference? GetControllerReference(this JsonObject obj) =>
        obj.GetOwnerReferences().FirstOrDefault(r => r.Controller == true);

    private static string? GetString(JsonObject obj, string property) =>
        obj[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? MetaString(JsonObject obj, string property) =>
        obj.GetMetadata() is { } meta ? GetString(meta, property) : null;

    private static DateTimeOffset? MetaTime(JsonObject obj, string property) =>
        KubeTime.TryParse(MetaString(obj, property), out var time) ? time : null;

    private static void SetMetaString(JsonObject obj, string property, string? value) =>
        SetMeta(obj, property, value is null ? null : JsonValue.Create(value));

    private static void SetMeta(JsonObject obj, string property, JsonNode? value)
    {
        if (value is null)
        {
            obj.GetMetadata()?.Remove(property);
            return;
        }

        obj.EnsureMetadata()[property] = value;
    }

    private static long? GetLong(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        return value.TryGetValue<int>(out var i) ? i : null;
    }

    private static Dictionary<string, string> GetStringMap(JsonObject obj, string property)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj.GetMetadata()?[property] is JsonObject json)
        {
            foreach (var (key, node) in json)
            {
                if (node is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    map[key] = s;
                }
            }
        }

        return map;
    }

    private static void SetStringMap(JsonObject obj, string property, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            SetMeta(obj, property, null);
            return;
        }

        var json = new JsonObject();
        foreach (var (key, value) in map)
        {
            json[key] = value;
        }

        SetMeta(obj, property, json);
    }

    private static void SetMapEntry(JsonObject obj, string property, string key, string? value)
    {
        if (value is null)
        {
            if (obj.GetMetadata()?[property] is JsonObject existing)
            {
                existing.Remove(key);
                if (existing.Count == 0)
                {
                    obj.GetMetadata()!.Remove(property);
                }
            }

            return;
        }

        if (obj.EnsureMetadata()[property] is not JsonObject map)
        {
            map = [];
            obj.EnsureMetadata()[property] = map;
        }

        map[key] = value;
    }
}
