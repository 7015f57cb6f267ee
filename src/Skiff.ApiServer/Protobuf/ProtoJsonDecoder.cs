using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Skiff.ApiServer.Protobuf;

/// <summary>
/// Turns protobuf messages into the JSON Go's encoding/json would write for the same decoded struct: absent
/// non-pointer fields become their zero value, omitempty drops zero scalars, empty slices and maps (never
/// structs), pointers and slices without omitempty show as null, map keys come out sorted.
/// </summary>
internal sealed class ProtoJsonDecoder
{
    // Real objects nest a few dozen levels at most; the limit only stops hostile input (JSONSchemaProps recurses).
    private const int MaxDepth = 100;

    private int _depth;

    /// <summary>The JSON of a message value; <paramref name="bytes"/> null stands for an absent field (Go zero value).</summary>
    public JsonNode? MessageValue(ProtoMessage message, ByteString? bytes)
    {
        if (WellKnownJson.TryConvert(this, message, bytes, out var special))
        {
            return special;
        }

        if (message.IsList)
        {
            return bytes is null ? null : StringArray(WireFields.Read(bytes).Get(1));
        }

        var obj = new JsonObject();
        WriteFields(message, bytes ?? ByteString.Empty, obj);
        return obj;
    }

    public JsonArray StringArray(IReadOnlyList<WireValue> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add(Scalar("string", value));
        }

        return array;
    }

    public static ByteString? Merge(IReadOnlyList<WireValue> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Any(v => v.WireType != WireFormat.WireType.LengthDelimited))
        {
            throw new ProtoDecodeException("a message field is not length-delimited");
        }

        return values.Count == 1 ? values[0].Bytes : ByteString.CopyFrom(values.SelectMany(v => v.Bytes).ToArray());
    }

    public static ulong LastNumber(WireFields fields, int number)
    {
        var values = fields.Get(number);
        if (values.Count == 0)
        {
            return 0;
        }

        var last = values[^1];
        return last.WireType == WireFormat.WireType.Varint
            ? last.Number
            : throw new ProtoDecodeException($"field {number} is not a varint");
    }

    private void WriteFields(ProtoMessage message, ByteString bytes, JsonObject target)
    {
        if (++_depth > MaxDepth)
        {
            throw new ProtoDecodeException($"message nesting exceeds {MaxDepth} levels");
        }

        var wire = WireFields.Read(bytes);
        foreach (var field in message.Fields)
        {
            var values = wire.Get(field.Number);
            if (field.Inline)
            {
                WriteFields(field.Type.Message!, Merge(values) ?? ByteString.Empty, target);
                continue;
            }

            var present = values.Count > 0;
            switch (field.Shape)
            {
                case ProtoFieldShape.Repeated:
                    WriteNullable(target, field, present ? Repeated(field, values) : null);
                    break;
                case ProtoFieldShape.Map:
                    WriteNullable(target, field, present ? Map(field, values) : null);
                    break;
                default:
                    WriteSingle(target, field, values);
                    break;
            }
        }

        _depth--;
    }

    // Go slices, maps and pointers: nil is dropped by omitempty and written as null otherwise.
    private static void WriteNullable(JsonObject target, ProtoField field, JsonNode? node)
    {
        if (node is null && field.OmitEmpty)
        {
            return;
        }

        target[field.JsonName] = node;
    }

    private void WriteSingle(JsonObject target, ProtoField field, IReadOnlyList<WireValue> values)
    {
        if (field.Type.Message is { } message)
        {
            var bytes = Merge(values);
            if (bytes is null && field.Pointer)
            {
                WriteNullable(target, field, null);
                return;
            }

            var node = MessageValue(message, bytes);
            if (message.IsList && field.OmitEmpty && node is null or JsonArray { Count: 0 })
            {
                return;
            }

            target[field.JsonName] = node;
            return;
        }

        var scalar = field.Type.Scalar!;
        if (scalar == "bytes")
        {
            var value = values.Count > 0 ? Scalar(scalar, values[^1]) : null;
            if (!(field.OmitEmpty && (value is null || value.GetValue<string>().Length == 0)))
            {
                target[field.JsonName] = value;
            }

            return;
        }

        if (values.Count == 0)
        {
            if (field.Pointer)
            {
                WriteNullable(target, field, null);
            }
            else if (!field.OmitEmpty)
            {
                target[field.JsonName] = ZeroScalar(scalar);
            }

            return;
        }

        var present = Scalar(scalar, values[^1]);
        if (field.Pointer || !field.OmitEmpty || !IsZero(present))
        {
            target[field.JsonName] = present;
        }
    }

    private JsonArray Repeated(ProtoField field, IReadOnlyList<WireValue> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            if (field.Type.Message is { } message)
            {
                array.Add(MessageValue(message, Merge([value])));
            }
            else if (value.WireType == WireFormat.WireType.LengthDelimited && field.Type.Scalar is not ("string" or "bytes"))
            {
                foreach (var packed in Unpack(field.Type.Scalar!, value.Bytes))
                {
                    array.Add(Scalar(field.Type.Scalar!, packed));
                }
            }
            else
            {
                array.Add(Scalar(field.Type.Scalar!, value));
            }
        }

        return array;
    }

    private JsonObject Map(ProtoField field, IReadOnlyList<WireValue> entries)
    {
        var sorted = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var entryFields = WireFields.Read(Merge([entry])!);
            var keys = entryFields.Get(1);
            var key = keys.Count == 0 ? string.Empty : Scalar(field.MapKey!.Scalar ?? "string", keys[^1])!.ToString();
            var values = entryFields.Get(2);
            sorted[key] = field.Type.Message is { } message
                ? MessageValue(message, Merge(values))
                : values.Count == 0 ? ZeroScalar(field.Type.Scalar!) : Scalar(field.Type.Scalar!, values[^1]);
        }

        var obj = new JsonObject();
        foreach (var (key, value) in sorted)
        {
            obj[key] = value;
        }

        return obj;
    }

    private static IEnumerable<WireValue> Unpack(string scalar, ByteString bytes)
    {
        var input = new CodedInputStream(bytes.ToByteArray());
        var list = new List<WireValue>();
        while (!input.IsAtEnd)
        {
            list.Add(scalar switch
            {
                "double" => new WireValue(WireFormat.WireType.Fixed64, input.ReadFixed64(), ByteString.Empty),
                "float" => new WireValue(WireFormat.WireType.Fixed32, input.ReadFixed32(), ByteString.Empty),
                _ => new WireValue(WireFormat.WireType.Varint, input.ReadUInt64(), ByteString.Empty),
            });
        }

        return list;
    }

    public static JsonNode Scalar(string scalar, WireValue value)
    {
        var expected = scalar switch
        {
            "string" or "bytes" => WireFormat.WireType.LengthDelimited,
            "double" => WireFormat.WireType.Fixed64,
            "float" => WireFormat.WireType.Fixed32,
            _ => WireFormat.WireType.Varint,
        };
        if (value.WireType != expected)
        {
            throw new ProtoDecodeException($"a {scalar} field has wire type {(int)value.WireType}");
        }

        return scalar switch
        {
            "string" => JsonValue.Create(value.Bytes.ToStringUtf8()),
            "bytes" => JsonValue.Create(value.Bytes.ToBase64()),
            "bool" => JsonValue.Create(value.Number != 0),
            "int32" => JsonValue.Create((int)value.Number),
            "int64" => JsonValue.Create((long)value.Number),
            "uint32" => JsonValue.Create((uint)value.Number),
            "uint64" => JsonValue.Create(value.Number),
            "double" => Finite(BitConverter.UInt64BitsToDouble(value.Number)),
            _ => Finite(BitConverter.Int32BitsToSingle((int)value.Number)),
        };
    }

    private static JsonNode Finite(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : throw new ProtoDecodeException("a number field is not finite");

    private static JsonNode ZeroScalar(string scalar) => scalar switch
    {
        "string" or "bytes" => JsonValue.Create(string.Empty),
        "bool" => JsonValue.Create(false),
        _ => JsonValue.Create(0),
    };

    private static bool IsZero(JsonNode node) => node.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => node.GetValue<string>().Length == 0,
        System.Text.Json.JsonValueKind.False => true,
        System.Text.Json.JsonValueKind.Number => node.ToJsonString() is "0" or "0.0" or "-0",
        _ => false,
    };
}
