using Google.Protobuf;

namespace Skiff.ApiServer.Protobuf;

/// <summary>One occurrence of a field on the wire: a number for varint/fixed wire types, bytes for length-delimited.</summary>
internal readonly record struct WireValue(WireFormat.WireType WireType, ulong Number, ByteString Bytes);
