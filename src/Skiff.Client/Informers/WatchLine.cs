using System.Text.Json;

namespace Skiff.Client.Informers;

/// <summary>
/// One line of a watch stream, <c>{"type":...,"object":{...}}</c>, split without building a document: the type, and
/// the object's bytes for the decoder.
/// </summary>
internal readonly ref struct WatchLine
{
    private WatchLine(string type, ReadOnlySpan<byte> obj)
    {
        Type = type;
        Object = obj;
    }

    public string Type { get; }

    public ReadOnlySpan<byte> Object { get; }

    public static WatchLine Parse(ReadOnlySpan<byte> line)
    {
        string? type = null;
        var obj = ReadOnlySpan<byte>.Empty;
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a watch event is not a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isObject = !isType && reader.ValueTextEquals("object"u8);
            reader.Read();
            if (isType)
            {
                type = reader.GetString();
            }
            else if (isObject)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                obj = line[start..(int)reader.BytesConsumed];
            }
            else
            {
                reader.Skip();
            }
        }

        if (type is null || obj.IsEmpty)
        {
            throw new JsonException("a watch event without type or object");
        }

        return new WatchLine(type, obj);
    }
}
