using Google.Protobuf;

namespace Skiff.ApiServer.Protobuf;

/// <summary>
/// A message's raw fields grouped by number, in wire order. Reading everything first lets the JSON be built
/// in Go struct order and lets repeated occurrences of a singular message merge, as protobuf specifies.
/// </summary>
internal sealed class WireFields
{
    private readonly Dictionary<int, List<WireValue>> _fields = [];

    public static WireFields Read(ByteString bytes)
    {
        var result = new WireFields();
        if (bytes.IsEmpty)
        {
            return result;
        }

        var input = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var wireType = WireFormat.GetTagWireType(tag);
            WireValue value = wireType switch
            {
                WireFormat.WireType.Varint => new(wireType, input.ReadUInt64(), ByteString.Empty),
                WireFormat.WireType.Fixed64 => new(wireType, input.ReadFixed64(), ByteString.Empty),
                WireFormat.WireType.Fixed32 => new(wireType, input.ReadFixed32(), ByteString.Empty),
                WireFormat.WireType.LengthDelimited => new(wireType, 0, input.ReadBytes()),
                _ => throw new ProtoDecodeException($"unsupported wire type {(int)wireType} for field {number}"),
            };
            if (!result._fields.TryGetValue(number, out var list))
            {
                list = [];
                result._fields[number] = list;
            }

            list.Add(value);
        }

        return result;
    }

    public IReadOnlyList<WireValue> Get(int number) => _fields.TryGetValue(number, out var list) ? list : [];
}
