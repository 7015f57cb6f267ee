using Google.Protobuf;

namespace Skiff.ApiServer.Tests.Protobuf;

/// <summary>Writes protobuf messages field by field, the way a Go client would put them on the wire.</summary>
internal sealed class ProtoBuilder
{
    private readonly MemoryStream _stream = new();
    private readonly CodedOutputStream _output;

    public ProtoBuilder() => _output = new CodedOutputStream(_stream, leaveOpen: true);

    public ProtoBuilder Str(int number, string value)
    {
        _output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        _output.WriteString(value);
        return this;
    }

    public ProtoBuilder Int(int number, long value)
    {
        _output.WriteTag(number, WireFormat.WireType.Varint);
        _output.WriteInt64(value);
        return this;
    }

    public ProtoBuilder Bool(int number, bool value) => Int(number, value ? 1 : 0);

    public ProtoBuilder Double(int number, double value)
    {
        _output.WriteTag(number, WireFormat.WireType.Fixed64);
        _output.WriteDouble(value);
        return this;
    }

    public ProtoBuilder Bytes(int number, byte[] value)
    {
        _output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        _output.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    public ProtoBuilder Msg(int number, ProtoBuilder message) => Bytes(number, message.ToArray());

    public ProtoBuilder Msg(int number, Action<ProtoBuilder> build)
    {
        var message = new ProtoBuilder();
        build(message);
        return Msg(number, message);
    }

    public ProtoBuilder Entry(int number, string key, string value) => Msg(number, e => e.Str(1, key).Str(2, value));

    public ProtoBuilder Entry(int number, string key, byte[] value) => Msg(number, e => e.Str(1, key).Bytes(2, value));

    public ProtoBuilder Entry(int number, string key, Action<ProtoBuilder> value) => Msg(number, e => e.Str(1, key).Msg(2, value));

    public byte[] ToArray()
    {
        _output.Flush();
        return _stream.ToArray();
    }

    /// <summary>The full request body: magic, then runtime.Unknown with typeMeta and the raw object.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoBuilder obj)
    {
        var unknown = new ProtoBuilder()
            .Msg(1, t => t.Str(1, apiVersion).Str(2, kind))
            .Msg(2, obj)
            .Str(4, "application/vnd.kubernetes.protobuf");
        return [0x6b, 0x38, 0x73, 0x00, .. unknown.ToArray()];
    }
}
