using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>The <c>$</c> keys of strategic merge patches and the clean-up of values taken from a patch.</summary>
internal static class SmpDirectives
{
    public const string Patch = "$patch";
    public const string Replace = "replace";
    public const string Delete = "delete";
    public const string Merge = "merge";
    public const string RetainKeys = "$retainKeys";
    public const string SetElementOrder = "$setElementOrder";
    public const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList";

    public static bool IsDirective(JsonNode? node, string directive) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text == directive;

    public static bool HasPrefix(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>
    /// The field a <c>$setElementOrder/x</c> or <c>$deleteFromPrimitiveList/x</c> key names; a malformed key is
    /// upstream's 400 for that directive.
    /// </summary>
    public static string FieldOf(string key, string prefix)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !string.Equals(key[..slash], prefix, StringComparison.Ordinal))
        {
            throw prefix == DeleteFromPrimitiveList ? SmpErrors.BadPrimitiveListFormat() : SmpErrors.BadSetElementOrderFormat();
        }

        return key[(slash + 1)..];
    }

    /// <summary>
    /// A patch value about to be stored as is (nothing to merge it with): a copy without nulls and without the maps
    /// that carry <c>$patch</c>. Other directive keys are dropped too, because upstream's typed decoding drops them.
    /// Returns false when the value itself is such a map.
    /// </summary>
    public static bool TryCleanCopy(JsonNode? value, out JsonNode? copy)
    {
        copy = value?.DeepClone();
        DiscardNulls(copy);
        return RemoveDirectives(copy);
    }

    /// <summary>
    /// A copy of a value that replaces a field wholesale (replace strategy, lists without merge strategy), without
    /// null fields, which upstream's typed decoding drops.
    /// </summary>
    public static T CopyWithoutNulls<T>(T value)
        where T : JsonNode
    {
        var copy = (T)value.DeepClone();
        DiscardNulls(copy);
        return copy;
    }

    private static void DiscardNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                // Patches rarely carry nulls to drop, so the keys are only collected when there are some.
                List<string>? nulls = null;
                foreach (var (key, value) in obj)
                {
                    if (value is null)
                    {
                        (nulls ??= []).Add(key);
                    }
                    else
                    {
                        DiscardNulls(value);
                    }
                }

                RemoveAll(obj, nulls);
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    DiscardNulls(item);
                }

                break;
        }
    }

    private static bool RemoveDirectives(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.ContainsKey(Patch))
                {
                    return false;
                }

                List<string>? directives = null;
                foreach (var (key, value) in obj)
                {
                    if (key == RetainKeys || HasPrefix(key, SetElementOrder) || HasPrefix(key, DeleteFromPrimitiveList)
                        || !RemoveDirectives(value))
                    {
                        (directives ??= []).Add(key);
                    }
                }

                RemoveAll(obj, directives);
                return true;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (!RemoveDirectives(array[i]))
                    {
                        array.RemoveAt(i);
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static void RemoveAll(JsonObject obj, List<string>? keys)
    {
        foreach (var key in keys ?? [])
        {
            obj.Remove(key);
        }
    }
}
