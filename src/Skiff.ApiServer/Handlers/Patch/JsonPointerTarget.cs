using System.Globalization;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// The container (object or array) a JSON pointer's last segment lives in, with that segment decoded, resolved
/// the way upstream's JSON patch library resolves it: a null or scalar on the way means "missing path", array
/// indexes may count from the end (-1 is the last item), and "-" appends.
/// </summary>
internal sealed class JsonPointerTarget
{
    private JsonPointerTarget(JsonNode container, string key)
    {
        Container = container;
        Key = key;
    }

    public JsonNode Container { get; }

    public string Key { get; }

    /// <summary>Null when the pointer does not lead to an existing object or array.</summary>
    public static JsonPointerTarget? Resolve(JsonNode root, string pointer)
    {
        var segments = pointer.Split('/');
        if (segments.Length < 2)
        {
            return null;
        }

        // Upstream skips the first segment rather than requiring it to be empty, so "a/b" means "/b".
        var current = root;
        for (var i = 1; i < segments.Length - 1; i++)
        {
            var next = current switch
            {
                JsonObject obj => obj[Decode(segments[i])],
                JsonArray array => TryIndex(array, Decode(segments[i]), out var index) ? array[index] : null,
                _ => null,
            };
            if (next is not (JsonObject or JsonArray))
            {
                return null;
            }

            current = next;
        }

        return new JsonPointerTarget(current, Decode(segments[^1]));
    }

    public static string Decode(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>The value at the key: (true, value) when present (value may be null), (false, null) for a missing object key.</summary>
    public (bool Found, JsonNode? Value) Get()
    {
        if (Container is JsonObject obj)
        {
            return obj.TryGetPropertyValue(Key, out var value) ? (true, value) : (false, null);
        }

        var array = (JsonArray)Container;
        var index = ExistingIndex(array);
        return (true, array[index]);
    }

    public void Add(JsonNode? value)
    {
        if (Container is JsonObject obj)
        {
            obj[Key] = value;
            return;
        }

        var array = (JsonArray)Container;
        if (Key == "-")
        {
            array.Add(value);
            return;
        }

        if (!int.TryParse(Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            throw new JsonPatchFailure($"value was not a proper array index: '{Key}': strconv.Atoi: parsing \"{Key}\": invalid syntax");
        }

        var size = array.Count + 1;
        if (index >= size || index < -size)
        {
            throw InvalidIndex(index);
        }

        array.Insert(index < 0 ? index + size : index, value);
    }

    public void Replace(JsonNode? value)
    {
        if (Container is JsonObject obj)
        {
            // Upstream's library lets "replace" create a missing object key.
            obj[Key] = value;
            return;
        }

        var array = (JsonArray)Container;
        array[ExistingIndex(array)] = value;
    }

    public JsonNode? Remove()
    {
        if (Container is JsonObject obj)
        {
            if (!obj.TryGetPropertyValue(Key, out var value))
            {
                throw new JsonPatchFailure($"Unable to remove nonexistent key: {Key}: missing value");
            }

            obj.Remove(Key);
            return value;
        }

        var array = (JsonArray)Container;
        var index = ExistingIndex(array);
        var removed = array[index];
        array.RemoveAt(index);
        return removed;
    }

    private int ExistingIndex(JsonArray array)
    {
        if (!int.TryParse(Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            throw new JsonPatchFailure($"strconv.Atoi: parsing \"{Key}\": invalid syntax");
        }

        if (index >= array.Count || index < -array.Count)
        {
            throw InvalidIndex(index);
        }

        return index < 0 ? index + array.Count : index;
    }

    private static bool TryIndex(JsonArray array, string key, out int index)
    {
        if (!int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index)
            || index >= array.Count || index < -array.Count)
        {
            return false;
        }

        if (index < 0)
        {
            index += array.Count;
        }

        return true;
    }

    private static JsonPatchFailure InvalidIndex(int index) =>
        new($"Unable to access invalid index: {index}: invalid index referenced");
}
