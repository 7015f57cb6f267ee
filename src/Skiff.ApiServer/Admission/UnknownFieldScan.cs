using System.Text.Json;
using System.Text.Json.Nodes;
using Skiff.Api.Schema;
using Skiff.ApiServer.Registry;

namespace Skiff.ApiServer.Admission;

/// <summary>
/// Whether an object has any field its schema does not know, read from the object's encoding: the same walk as
/// <see cref="FieldValidation"/>'s over nodes, without building the nodes of a subtree nothing has read yet.
/// </summary>
internal static class UnknownFieldScan
{
    private const int NameBuffer = 128;

    public static bool Any(JsonObject obj, ModelSchema schema)
    {
        var buffer = ScratchJson.Start();
        ScratchJson.Append(buffer, obj);
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject && Any(ref reader, schema, topLevel: true);
    }

    /// <summary>From an object's start to its end.</summary>
    private static bool Any(ref Utf8JsonReader reader, ModelSchema schema, bool topLevel)
    {
        Span<char> chars = stackalloc char[NameBuffer];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan.Length <= NameBuffer ? chars[..reader.CopyString(chars)] : reader.GetString().AsSpan();
            if (topLevel && (name.SequenceEqual("apiVersion") || name.SequenceEqual("kind")))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            if (schema.Field(name) is not { } field)
            {
                return true;
            }

            reader.Read();
            if (field.ItemSchema is not { } inner || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            switch (field.Kind)
            {
                case FieldKind.Object when reader.TokenType == JsonTokenType.StartObject:
                    if (Any(ref reader, inner, topLevel: false))
                    {
                        return true;
                    }

                    break;
                case FieldKind.List when reader.TokenType == JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (ItemHasAny(ref reader, inner))
                        {
                            return true;
                        }
                    }

                    break;
                case FieldKind.Map when reader.TokenType == JsonTokenType.StartObject:
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        reader.Read();
                        if (ItemHasAny(ref reader, inner))
                        {
                            return true;
                        }
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return false;
    }

    /// <summary>One list item or map value: an object is walked, anything else passed over.</summary>
    private static bool ItemHasAny(ref Utf8JsonReader reader, ModelSchema schema)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return Any(ref reader, schema, topLevel: false);
        }

        reader.Skip();
        return false;
    }
}
