using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Apply;

/// <summary>
/// One step of a field path, spelled in managedFields as <c>f:&lt;name&gt;</c>, <c>k:&lt;json&gt;</c>,
/// <c>v:&lt;json&gt;</c> or <c>i:&lt;n&gt;</c>. Ordered as upstream orders them, which fixes the key order of
/// serialized field sets.
/// </summary>
internal sealed class PathElement : IComparable<PathElement>, IEquatable<PathElement>
{
    // Field steps are immutable and their names mostly a schema's few hundred, so each write's walk of an object
    // shares them (and their spelling) instead of making its own; names of maps' keys are unbounded, hence the cap.
    private const int MaxKnownFields = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PathElement> s_fields = new(StringComparer.Ordinal);

    // Spelled once: field sets look their steps up in stored managedFields and write them, by this text.
    private string? _text;

    private PathElement(PathElementKind kind, string? field, IReadOnlyList<KeyValuePair<string, JsonNode?>>? key, JsonNode? value, int index)
    {
        Kind = kind;
        FieldName = field;
        KeyFields = key;
        Value = value;
        Index = index;
    }

    public PathElementKind Kind { get; }

    public string? FieldName { get; }

    /// <summary>The key fields of a <see cref="PathElementKind.Key"/> element, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>>? KeyFields { get; }

    public JsonNode? Value { get; }

    public int Index { get; }

    public static PathElement Field(string name)
    {
        if (s_fields.TryGetValue(name, out var known))
        {
            return known;
        }

        var field = new PathElement(PathElementKind.Field, name, null, null, 0);
        if (s_fields.Count < MaxKnownFields)
        {
            s_fields.TryAdd(name, field);
        }

        return field;
    }

    public static PathElement Key(IEnumerable<KeyValuePair<string, JsonNode?>> fields)
    {
        var sorted = new List<KeyValuePair<string, JsonNode?>>(fields is ICollection<KeyValuePair<string, JsonNode?>> c ? c.Count : 2);
        foreach (var (name, value) in fields)
        {
            sorted.Add(KeyValuePair.Create(name, value?.DeepClone()));
        }

        // Keys have a field or two: a stable insertion sort by name, with no sorting machinery to allocate.
        for (var i = 1; i < sorted.Count; i++)
        {
            var item = sorted[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(sorted[j].Key, item.Key) > 0)
            {
                sorted[j + 1] = sorted[j];
                j--;
            }

            sorted[j + 1] = item;
        }

        return new(PathElementKind.Key, null, sorted, null, 0);
    }

    public static PathElement Key(JsonObject fields) => Key(fields.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public static PathElement ValueOf(JsonNode? value) => new(PathElementKind.Value, null, null, value?.DeepClone(), 0);

    public static PathElement AtIndex(int index) => new(PathElementKind.Index, null, null, null, index);

    /// <summary>Reads a managedFields key; null for a well-formed key of a kind this version does not know (skipped).</summary>
    public static PathElement? Parse(string text)
    {
        if (text.Length < 2)
        {
            throw new FormatException("key must be 2 characters long:");
        }

        if (text[1] != ':')
        {
            throw new FormatException($"missing colon: {text}");
        }

        var content = text[2..];
        switch (text[0])
        {
            case 'f':
                return Field(content);
            case 'v':
                return ValueOf(ParseJson(content));
            case 'k':
                return ParseJson(content) is JsonObject fields
                    ? Key(fields)
                    : throw new FormatException($"key of a list item is not a JSON object: {text}");
            case 'i':
                return int.TryParse(content, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index)
                    ? AtIndex(index)
                    : throw new FormatException($"strconv.Atoi: parsing \"{content}\": invalid syntax");
            default:
                return null;
        }
    }

    public override string ToString() => _text ??= Spell();

    private string Spell()
    {
        if (Kind == PathElementKind.Field)
        {
            // Upstream writes field names raw inside the key.
            return string.Concat("f:", FieldName);
        }

        var builder = new StringBuilder();
        switch (Kind)
        {
            case PathElementKind.Key:
                builder.Append("k:{");
                for (var i = 0; i < KeyFields!.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    GoJson.AppendString(builder, KeyFields[i].Key);
                    builder.Append(':');
                    GoJson.Append(builder, KeyFields[i].Value);
                }

                builder.Append('}');
                break;
            case PathElementKind.Value:
                builder.Append("v:");
                GoJson.Append(builder, Value);
                break;
            default:
                builder.Append("i:").Append(Index.ToString(CultureInfo.InvariantCulture));
                break;
        }

        return builder.ToString();
    }

    public int CompareTo(PathElement? other)
    {
        if (other is null)
        {
            return 1;
        }

        // Enum.CompareTo takes an object: comparing the kinds that way boxed one on every comparison of a field set.
        var byKind = ((int)Kind).CompareTo((int)other.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        return Kind switch
        {
            PathElementKind.Field => string.CompareOrdinal(FieldName, other.FieldName),
            PathElementKind.Key => CompareKeys(KeyFields!, other.KeyFields!),
            PathElementKind.Value => JsonValueOrder.Compare(Value, other.Value),
            _ => Index.CompareTo(other.Index),
        };
    }

    public bool Equals(PathElement? other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is PathElement other && Equals(other);

    // Numbers compare by value (1 equals 1.0), so only the parts compared exactly feed the hash.
    public override int GetHashCode() => HashCode.Combine(Kind, FieldName, Index);

    private static int CompareKeys(IReadOnlyList<KeyValuePair<string, JsonNode?>> left, IReadOnlyList<KeyValuePair<string, JsonNode?>> right)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var byName = string.CompareOrdinal(left[i].Key, right[i].Key);
            if (byName != 0)
            {
                return byName;
            }

            var byValue = JsonValueOrder.Compare(left[i].Value, right[i].Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    private static JsonNode? ParseJson(string content)
    {
        try
        {
            return JsonNode.Parse(content);
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
