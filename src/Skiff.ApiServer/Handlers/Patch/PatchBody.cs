using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skiff.ApiServer.Handlers.Patch;

/// <summary>
/// Reads a patch body into JSON nodes. Invalid JSON is upstream's 400 "invalid JSON patch"; a repeated key keeps
/// its last value, as Go's decoder does, instead of failing.
/// </summary>
internal static class PatchBody
{
    public static JsonNode? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.BytesConsumed < body.Length && body[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).Length > 0)
            {
                throw PatchException.BadRequest("invalid JSON patch");
            }

            return Convert(document.RootElement);
        }
        catch (JsonException)
        {
            throw PatchException.BadRequest("invalid JSON patch");
        }
    }

    /// <summary>
    /// Whether the body is a JSON object whose top-level members are all among <paramref name="allowed"/>: such a
    /// merge or strategic merge patch leaves every other member of the object it patches as it was. False for
    /// anything else, invalid JSON included (parsing reports that).
    /// </summary>
    public static bool HasOnlyMembers(ReadOnlySpan<byte> body, ReadOnlySpan<string> allowed)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var known = false;
                foreach (var name in allowed)
                {
                    known |= reader.ValueTextEquals(name);
                }

                if (!known || !reader.Read())
                {
                    return false;
                }

                reader.Skip();
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonNode? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = Convert(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Convert(item));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(element.GetBoolean());
            default:
                // Numbers keep their text (1.0 stays 1.0); a clone holds it once the document is gone.
                return JsonValue.Create(element.Clone());
        }
    }
}
