namespace Skiff.ApiServer.Protobuf;

/// <summary>A protobuf body that does not fit the schema; reported to the client as 400 Bad Request.</summary>
internal sealed class ProtoDecodeException(string message) : Exception(message);
