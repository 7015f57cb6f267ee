using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Skiff.ApiServer.Protobuf;

/// <summary>A field table for one protobuf message; unknown fields are skipped, as protobuf intends.</summary>
internal sealed class ProtoMessage(IReadOnlyDictionary<int, ProtoField> fields)
{
    public JsonObject Read(CodedInputStream input)
    {
        var obj = new JsonObject();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!fields.TryGetValue(WireFormat.GetTagFieldNumber(tag), out var field) || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
            {
                input.SkipLastField();
                continue;
            }

            switch (field.Kind)
            {
                case ProtoFieldKind.String:
                    obj[field.Name] = input.ReadString();
                    break;
                case ProtoFieldKind.RepeatedString:
                    if (obj[field.Name] is not JsonArray list)
                    {
                        list = [];
                        obj[field.Name] = list;
                    }

                    list.Add(input.ReadString());
                    break;
                default:
                    obj[field.Name] = field.Nested!.Read(new CodedInputStream(input.ReadBytes().ToByteArray()));
                    break;
            }
        }

        return obj;
    }
}

internal enum ProtoFieldKind
{
    String,
    RepeatedString,
    Message,
}

internal sealed record ProtoField(string Name, ProtoFieldKind Kind, ProtoMessage? Nested = null)
{
    public static ProtoField String(string name) => new(name, ProtoFieldKind.String);

    public static ProtoField RepeatedString(string name) => new(name, ProtoFieldKind.RepeatedString);

    public static ProtoField Of(string name, ProtoMessage message) => new(name, ProtoFieldKind.Message, message);
}
