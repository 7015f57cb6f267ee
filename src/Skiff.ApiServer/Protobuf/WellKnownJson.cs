using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Skiff.ApiServer.Protobuf;

/// <summary>
/// Messages whose Go types write custom JSON: times, durations, int-or-string, quantities, embedded raw JSON
/// and the JSON-schema unions of CustomResourceDefinition.
/// </summary>
internal static class WellKnownJson
{
    // Go's zero time.Time (0001-01-01T00:00:00Z) in Unix seconds; it marshals to JSON null.
    private const long GoZeroTimeSeconds = -62135596800;
    private const long MaxSeconds = 253402300799;

    public static bool TryConvert(ProtoJsonDecoder decoder, ProtoMessage message, ByteString? bytes, out JsonNode? node)
    {
        switch (message.FullName)
        {
            case "meta.Time":
                node = Time(bytes, micro: false);
                return true;
            case "meta.MicroTime":
                node = Time(bytes, micro: true);
                return true;
            case "meta.Duration":
                node = GoDuration.Format((long)ProtoJsonDecoder.LastNumber(Fields(bytes), 1));
                return true;
            case "intstr.IntOrString":
                node = IntOrString(Fields(bytes));
                return true;
            case "resource.Quantity":
                var text = LastString(Fields(bytes), 1);
                node = string.IsNullOrEmpty(text) ? "0" : text;
                return true;
            case "runtime.RawExtension" or "meta.FieldsV1" or "apiextensions.JSON":
                node = EmbeddedJson(Fields(bytes));
                return true;
            case "apiextensions.JSONSchemaPropsOrArray":
                node = SchemaOrArray(decoder, message, Fields(bytes));
                return true;
            case "apiextensions.JSONSchemaPropsOrBool":
                node = SchemaOrBool(decoder, message, Fields(bytes));
                return true;
            case "apiextensions.JSONSchemaPropsOrStringArray":
                node = SchemaOrStringArray(decoder, message, Fields(bytes));
                return true;
            default:
                node = null;
                return false;
        }
    }

    private static WireFields Fields(ByteString? bytes) => WireFields.Read(bytes ?? ByteString.Empty);

    private static string? LastString(WireFields fields, int number)
    {
        var values = fields.Get(number);
        return values.Count == 0 ? null : ProtoJsonDecoder.Scalar("string", values[^1]).GetValue<string>();
    }

    // Go drops the nanoseconds of metav1.Time on decode (its JSON has whole seconds) and truncates MicroTime to µs.
    private static JsonNode? Time(ByteString? bytes, bool micro)
    {
        if (bytes is null || bytes.IsEmpty)
        {
            return null;
        }

        var fields = WireFields.Read(bytes);
        var seconds = (long)ProtoJsonDecoder.LastNumber(fields, 1);
        var micros = micro ? (int)ProtoJsonDecoder.LastNumber(fields, 2) / 1000 : 0;
        if (seconds < GoZeroTimeSeconds || seconds > MaxSeconds)
        {
            throw new ProtoDecodeException($"time {seconds}s is out of range");
        }

        if (seconds == GoZeroTimeSeconds && micros == 0)
        {
            return null;
        }

        DateTimeOffset time;
        try
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(micros * 10L);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new ProtoDecodeException($"time {seconds}s is out of range");
        }

        return time.UtcDateTime.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static JsonNode IntOrString(WireFields fields) =>
        ProtoJsonDecoder.LastNumber(fields, 1) == 1
            ? JsonValue.Create(LastString(fields, 3) ?? string.Empty)
            : JsonValue.Create((int)ProtoJsonDecoder.LastNumber(fields, 2));

    private static JsonNode? EmbeddedJson(WireFields fields)
    {
        var raw = ProtoJsonDecoder.Merge(fields.Get(1));
        if (raw is null || raw.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(raw.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new ProtoDecodeException($"embedded raw object is not JSON: {e.Message}");
        }
    }

    private static ProtoMessage Props(ProtoMessage union) => union.Fields.First(f => f.Type.Message is not null).Type.Message!;

    private static JsonNode? SchemaOrArray(ProtoJsonDecoder decoder, ProtoMessage union, WireFields fields)
    {
        var list = fields.Get(2);
        if (list.Count > 0)
        {
            return new JsonArray(list.Select(v => decoder.MessageValue(Props(union), ProtoJsonDecoder.Merge([v]))).ToArray());
        }

        var schema = ProtoJsonDecoder.Merge(fields.Get(1));
        return schema is null ? null : decoder.MessageValue(Props(union), schema);
    }

    private static JsonNode? SchemaOrBool(ProtoJsonDecoder decoder, ProtoMessage union, WireFields fields)
    {
        var schema = ProtoJsonDecoder.Merge(fields.Get(2));
        return schema is null ? JsonValue.Create(ProtoJsonDecoder.LastNumber(fields, 1) != 0) : decoder.MessageValue(Props(union), schema);
    }

    private static JsonNode? SchemaOrStringArray(ProtoJsonDecoder decoder, ProtoMessage union, WireFields fields)
    {
        var property = fields.Get(2);
        if (property.Count > 0)
        {
            return decoder.StringArray(property);
        }

        var schema = ProtoJsonDecoder.Merge(fields.Get(1));
        return schema is null ? null : decoder.MessageValue(Props(union), schema);
    }
}
